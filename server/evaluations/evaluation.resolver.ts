import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Evaluation } from '../../schema/evaluations/evaluation.entity';
import { EvaluationFilter, EvaluationInput, EvaluationPage } from '../../schema/evaluations/evaluation.inputs';
import { Department } from '../../schema/departments/department.entity';
import type { Context } from '../context';
import { withArgument } from '../errors';
import type { EvaluationList } from './evaluation.service';

/** Quarterly evaluations and special inspections: thin, every rule is in EvaluationService. */
@Resolver(() => Evaluation)
export class EvaluationResolver {
  @Query(() => EvaluationPage, { description: 'Evaluations (signed in), the open ones first (OPEN, RESPONDED, CLOSED), then the newest. limit defaults to 100, at most 1000.' })
  evaluations(
    @Arg('filter', () => EvaluationFilter, { nullable: true }) filter: EvaluationFilter | null,
    @Arg('limit', () => Int, { nullable: true }) limit: number | null,
    @Arg('offset', () => Int, { nullable: true }) offset: number | null,
    @Ctx() ctx: Context,
  ): Promise<EvaluationList> {
    return ctx.services.evaluations.list(filter ?? {}, limit, offset);
  }

  @Query(() => Evaluation, { nullable: true })
  evaluation(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Evaluation | null> {
    return ctx.services.evaluations.get(id);
  }

  @Mutation(() => Evaluation, { description: 'Creates an evaluation (input without id) or changes one that is not closed (input.id and expectedVersion). ADMIN.' })
  saveEvaluation(
    @Arg('input', () => EvaluationInput) input: EvaluationInput,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ): Promise<Evaluation> {
    return withArgument('input', () => ctx.services.evaluations.save(input, expectedVersion));
  }

  @Mutation(() => Evaluation, { description: 'The department’s response (OPEN or RESPONDED → RESPONDED), by an EDITOR of the department evaluated (or the office).' })
  respondToEvaluation(
    @Arg('id', () => ID) id: string,
    @Arg('response', () => String) response: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Ctx() ctx: Context,
  ): Promise<Evaluation> {
    return ctx.services.evaluations.respond(id, response, expectedVersion);
  }

  @Mutation(() => Evaluation, { description: 'OPEN or RESPONDED → CLOSED (ADMIN), with an optional note.' })
  closeEvaluation(
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Ctx() ctx: Context,
  ): Promise<Evaluation> {
    return ctx.services.evaluations.close(id, note, expectedVersion);
  }

  @Mutation(() => Evaluation, { description: 'RESPONDED or CLOSED → OPEN (ADMIN), with the reason the department sees.' })
  reopenEvaluation(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Ctx() ctx: Context,
  ): Promise<Evaluation> {
    return ctx.services.evaluations.reopen(id, reason, expectedVersion);
  }

  @FieldResolver(() => Department, { description: 'The department evaluated.' })
  async department(@Root() row: Evaluation, @Ctx() ctx: Context): Promise<Department> {
    const found = await ctx.loaders.department.load(row.department.id);
    if (!found) throw new Error(`Department ${row.department.id} vanished during the request`);
    return found;
  }
}
