import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { ImportInput } from '../../schema/transfer/transfer.inputs';
import { ExportResult, ImportResult } from '../../schema/transfer/transfer.results';
import { ContentEncoding, TransferFormat, TransferTable } from '../../schema/transfer/transfer.enums';
import { contentSource, TransferService } from './transfer.service';
import { importLimits } from './limits';

@Resolver()
export class TransferResolver {
  @Mutation(() => ImportResult, {
    description:
      'Loads a CSV, XLSX or JSON file into a table (or the whole plan). dryRun (the default) checks everything and reports every problem and change without writing; a real run applies all of it in one transaction or, on any problem, nothing (BAD_USER_INPUT with extensions.problems).',
  })
  importTable(@Arg('input', () => ImportInput) input: ImportInput, @Ctx() ctx: Context): Promise<ImportResult> {
    const source = contentSource(input.content, input.encoding ?? ContentEncoding.TEXT, input.filename ?? 'upload', importLimits().graphqlBytes, 'IMPORT_MAX_BYTES');
    const service = new TransferService(ctx.em, { ...ctx.services.actor, source: 'import' });
    return service.import(
      { table: input.table, format: input.format, source, dryRun: input.dryRun ?? true, deleteMissing: input.deleteMissing ?? false, planCode: input.planCode, previewLimit: input.previewLimit },
      { maxBytes: importLimits().graphqlBytes, maxBytesSetting: 'IMPORT_MAX_BYTES' },
    ) as Promise<ImportResult>;
  }

  @Query(() => ExportResult, { description: 'A table as CSV (UTF-8 with BOM) or XLSX with Chinese headers, or as JSON; ALL is the whole plan as one JSON document. planCode defaults to the newest plan.' })
  async exportTable(
    @Arg('table', () => TransferTable) table: TransferTable,
    @Arg('format', () => TransferFormat) format: TransferFormat,
    @Arg('planCode', () => String, { nullable: true }) planCode: string | null,
    @Ctx() ctx: Context,
  ): Promise<ExportResult> {
    const out = await new TransferService(ctx.em, ctx.services.actor).exportBytes({ table, format, planCode });
    return { table, format, filename: out.filename, mimeType: out.mimeType, rowCount: out.rowCount, contentBase64: out.bytes.toString('base64') };
  }
}
