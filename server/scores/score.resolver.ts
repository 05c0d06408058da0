import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Department } from '../../schema/departments/department.entity';
import { InnovationTopic } from '../../schema/innovation-topics/innovation-topic.entity';
import { ScoreRule } from '../../schema/scores/score-rule.entity';
import { DepartmentRating } from '../../schema/scores/department-rating.entity';
import { InnovationBonus } from '../../schema/scores/innovation-bonus.entity';
import { ScorePublication } from '../../schema/scores/score-publication.entity';
import { DepartmentAnnualScore } from '../../schema/scores/score.types';
import { DepartmentRatingInput, InnovationBonusInput, RatingsFileInput, ScoreRuleInput } from '../../schema/scores/score.inputs';
import type { Context } from '../context';
import { withArgument } from '../errors';
import { scoreLoaders } from './score.loaders';
import { ContentEncoding } from '../../schema/transfer/transfer.enums';
import { contentSource } from '../transfer/transfer.service';
import { importLimits } from '../transfer/limits';

/** The "3+1" annual score: thin, every rule is in ScoreService. */
@Resolver()
export class ScoreResolver {
  @Query(() => [DepartmentAnnualScore], {
    description:
      'The "3+1" annual score of every department that leads or supports an item or has an entered score or bonus, ranked (best first). ' +
      'Each part opens to its inputs. A published year answers as published (frozen); signed out, only published years are shown.',
  })
  annualScores(@Arg('year', () => Int) year: number, @Ctx() ctx: Context): Promise<DepartmentAnnualScore[]> {
    return ctx.services.scores.annualScores(year);
  }

  @Query(() => ScoreRule, { description: 'The year’s "3+1" rules and weights (the defaults when none are stored: stored false, version 0).' })
  scoreRule(@Arg('year', () => Int) year: number, @Ctx() ctx: Context): Promise<ScoreRule> {
    return ctx.services.scores.rule(year);
  }

  @Query(() => ScorePublication, { nullable: true, description: 'When the year’s scores were published; null while they are not.' })
  scorePublication(@Arg('year', () => Int) year: number, @Ctx() ctx: Context): Promise<ScorePublication | null> {
    return ctx.services.scores.publication(year);
  }

  @Query(() => [DepartmentRating], { description: 'The entered 社会评价 and 领导考评 scores of the year (signed in).' })
  departmentRatings(@Arg('year', () => Int) year: number, @Ctx() ctx: Context): Promise<DepartmentRating[]> {
    return ctx.services.scores.ratings(year);
  }

  @Query(() => [InnovationBonus], { description: 'The 创新创优 bonus points of the year (signed in).' })
  innovationBonuses(@Arg('year', () => Int) year: number, @Ctx() ctx: Context): Promise<InnovationBonus[]> {
    return ctx.services.scores.bonuses(year);
  }

  @Mutation(() => ScoreRule, { description: 'Saves the year’s rules (ADMIN): without expectedVersion (or 0) the first time, from the defaults; then at the stored version. Refused (CONFLICT, reason PUBLISHED) once the year is published.' })
  saveScoreRule(
    @Arg('year', () => Int) year: number,
    @Arg('input', () => ScoreRuleInput) input: ScoreRuleInput,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ): Promise<ScoreRule> {
    return withArgument('input', () => ctx.services.scores.saveRule(year, { ...input }, expectedVersion), ['year']);
  }

  @Mutation(() => [DepartmentRating], { description: '社会评价 and 领导考评 of many departments, all or nothing (ADMIN): the grid’s edits and a spreadsheet’s rows. Refused once the year is published.' })
  saveDepartmentRatings(
    @Arg('year', () => Int) year: number,
    @Arg('ratings', () => [DepartmentRatingInput]) ratings: DepartmentRatingInput[],
    @Ctx() ctx: Context,
  ): Promise<DepartmentRating[]> {
    return ctx.services.scores.saveRatings(year, ratings);
  }

  @Mutation(() => [DepartmentRating], {
    description:
      '社会评价 and 领导考评 from a spreadsheet (ADMIN): CSV (UTF-8 or GB18030) or XLSX (the first sheet), a header row naming 部门 and 社会评价 and/or 领导考评 (备注 optional), one row per department; ' +
      'an empty cell leaves that score as it is. All or nothing; problems come as BAD_USER_INPUT with extensions.problems (row, column, value, reason). Refused once the year is published.',
  })
  importDepartmentRatings(
    @Arg('year', () => Int) year: number,
    @Arg('file', () => RatingsFileInput) file: RatingsFileInput,
    @Ctx() ctx: Context,
  ): Promise<DepartmentRating[]> {
    ctx.services.permissions.assertAdmin('import 社会评价 and 领导考评 scores');
    const source = contentSource(file.content, file.encoding ?? ContentEncoding.TEXT, file.filename, importLimits().graphqlBytes, 'IMPORT_MAX_BYTES');
    return ctx.services.scores.importRatings(year, source);
  }

  @Mutation(() => InnovationBonus, { description: 'Grants 创新创优 points (ADMIN): creates the (department, year, topic) row without expectedVersion, changes it with. Refused once the year is published.' })
  saveInnovationBonus(
    @Arg('input', () => InnovationBonusInput) input: InnovationBonusInput,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ): Promise<InnovationBonus> {
    return withArgument('input', () => ctx.services.scores.saveBonus(input, expectedVersion));
  }

  @Mutation(() => Boolean, { description: 'Withdraws 创新创优 points (ADMIN). Refused once the year is published.' })
  deleteInnovationBonus(@Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int) expectedVersion: number, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.services.scores.deleteBonus(id, expectedVersion);
  }

  @Mutation(() => [DepartmentAnnualScore], { description: 'Publishes the year’s "3+1" scores (ADMIN): they are frozen as they are now; later changes to the year are refused (CONFLICT, reason PUBLISHED).' })
  publishAnnualScores(@Arg('year', () => Int) year: number, @Ctx() ctx: Context): Promise<DepartmentAnnualScore[]> {
    return ctx.services.scores.publish(year);
  }
}

@Resolver(() => DepartmentRating)
export class DepartmentRatingResolver {
  @FieldResolver(() => Department)
  async department(@Root() row: DepartmentRating, @Ctx() ctx: Context): Promise<Department> {
    const found = await ctx.loaders.department.load(row.department.id);
    if (!found) throw new Error(`Department ${row.department.id} vanished during the request`);
    return found;
  }
}

@Resolver(() => InnovationBonus)
export class InnovationBonusResolver {
  @FieldResolver(() => Department)
  async department(@Root() row: InnovationBonus, @Ctx() ctx: Context): Promise<Department> {
    const found = await ctx.loaders.department.load(row.department.id);
    if (!found) throw new Error(`Department ${row.department.id} vanished during the request`);
    return found;
  }

  @FieldResolver(() => InnovationTopic, { description: 'The innovation topic (创新指南) the points are for.' })
  async innovationTopic(@Root() row: InnovationBonus, @Ctx() ctx: Context): Promise<InnovationTopic> {
    const found = await scoreLoaders(ctx).innovationTopic.load(row.innovationTopic.id);
    if (!found) throw new Error(`Innovation topic ${row.innovationTopic.id} vanished during the request`);
    return found;
  }
}
