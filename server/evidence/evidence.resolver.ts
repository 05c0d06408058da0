import DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { Evidence } from '../../schema/ledger/evidence.entity';
import { LedgerEntry } from '../../schema/ledger/ledger-entry.entity';
import type { Context } from '../context';
import { EvidenceService, downloadUrl } from './evidence.service';
import { evidenceStoreOf } from './evidence.store';

function evidenceService(ctx: Context): EvidenceService {
  return new EvidenceService(ctx.em, ctx.actor, evidenceStoreOf(ctx.em));
}

/** Per request (keyed by its EntityManager fork, never shared): every entry's evidence in one statement. */
const loaders = new WeakMap<object, DataLoader<number, Evidence[]>>();

function evidenceLoader(ctx: Context): DataLoader<number, Evidence[]> {
  let loader = loaders.get(ctx.em);
  if (!loader) {
    const service = evidenceService(ctx);
    loader = new DataLoader(async (ids) => {
      const groups = await service.forEntries(ids);
      return ids.map((id) => groups.get(id) ?? []);
    });
    loaders.set(ctx.em, loader);
  }
  return loader;
}

/** The evidence of a ledger entry: whoever may read the entry may read its files. */
@Resolver(() => LedgerEntry)
export class LedgerEntryEvidenceResolver {
  @FieldResolver(() => [Evidence], { description: 'Supporting files, in upload order. Upload with POST /ledger/{id}/evidence (multipart/form-data), while the entry is DRAFT or RETURNED.' })
  evidence(@Root() row: LedgerEntry, @Ctx() ctx: Context): Promise<Evidence[]> {
    return evidenceLoader(ctx).load(Number(row.id));
  }
}

@Resolver(() => Evidence)
export class EvidenceResolver {
  @FieldResolver(() => String, { description: 'Where to download the file (GET, relative to the hub): sent as an attachment to those who may read the entry.' })
  downloadUrl(@Root() row: Evidence): string {
    return downloadUrl(row.id);
  }

  @Mutation(() => Boolean, {
    description: 'Removes an evidence file from a ledger entry while it is DRAFT or RETURNED: an EDITOR of the entry’s department or the evaluation office (ADMIN). The content goes when no other evidence refers to it. A stale expectedVersion is refused with CONFLICT.',
  })
  deleteEvidence(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return evidenceService(ctx).remove(id, expectedVersion);
  }
}
