import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { BatchEditInput, BatchEditResult } from '../../schema/edits/edit.inputs';
import type { Context } from '../context';

@Resolver()
export class EditResolver {
  @Mutation(() => BatchEditResult, { description: 'Saves edits to many rows and tables all or nothing, e.g. a block pasted from Excel.' })
  batchUpdate(@Arg('input', () => BatchEditInput) input: BatchEditInput, @Ctx() ctx: Context): Promise<BatchEditResult> {
    return ctx.services.edits.apply(input);
  }
}
