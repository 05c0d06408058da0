import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Dataset, DatasetLinkToken } from '../../schema/datasets/dataset.entity';
import { CreatedDatasetLinkToken, DatasetInput } from '../../schema/datasets/dataset.inputs';
import { withArgument } from '../errors';
import type { Context } from '../context';

@Resolver(() => Dataset)
export class DatasetResolver {
  @Query(() => [Dataset], { description: 'Saved queries served as links (/datasets/<name>.csv|.json|.xlsx), by name; signed-in users.' })
  datasets(@Ctx() ctx: Context): Promise<Dataset[]> {
    return ctx.services.datasets.list();
  }

  @Query(() => Dataset, { nullable: true, description: 'One dataset by name; signed-in users.' })
  dataset(@Arg('name', () => String) name: string, @Ctx() ctx: Context): Promise<Dataset | null> {
    return ctx.services.datasets.get(name);
  }

  @FieldResolver(() => [DatasetLinkToken], { description: 'Its link tokens, newest first, revoked ones too (ADMIN only).' })
  linkTokens(@Root() row: Dataset, @Ctx() ctx: Context): Promise<DatasetLinkToken[]> {
    return ctx.services.datasets.linkTokens(row);
  }

  @Mutation(() => Dataset, { description: 'Creates a dataset, or replaces the one of that name (then expectedVersion is required; a stale one is CONFLICT). The query must parse, fit the schema and be one query operation (BAD_USER_INPUT with reason QUERY_SYNTAX, QUERY_INVALID, QUERY_OPERATIONS or QUERY_NOT_READ). Without column labels, the fields’ Chinese labels are kept. ADMIN only.' })
  saveDataset(@Arg('input', () => DatasetInput) input: DatasetInput, @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null, @Ctx() ctx: Context): Promise<Dataset> {
    return withArgument('input', () => ctx.services.datasets.save(input, expectedVersion));
  }

  @Mutation(() => Boolean, { description: 'Deletes a dataset and its link tokens (ADMIN only); its links stop working.' })
  deleteDataset(@Arg('name', () => String) name: string, @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.services.datasets.delete(name, expectedVersion);
  }

  @Mutation(() => CreatedDatasetLinkToken, { description: 'A new link token for a dataset (ADMIN only); the secret is returned this once.' })
  createDatasetLinkToken(@Arg('dataset', () => String) dataset: string, @Ctx() ctx: Context): Promise<CreatedDatasetLinkToken> {
    return ctx.services.datasets.createLinkToken(dataset);
  }

  @Mutation(() => Boolean, { description: 'Revokes a link token (ADMIN only): links with it are refused from the next request on. false: it was revoked already.' })
  revokeDatasetLinkToken(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.services.datasets.revokeLinkToken(id);
  }
}
