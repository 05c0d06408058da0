import { createContext } from '../../server/context';
import type { Actor } from '../../server/common/actor';
import type { TestHub } from '../helpers';

const RESP = 'responsibilities { role note department { code } }';

/** Every row of every table with its version, and the number of audit entries, as the API shows them. */
export async function snapshot(hub: TestHub): Promise<Record<string, any>> {
  // One query per table: the hub caps a query's cost.
  const parts = [
    '{ plans { code name nameEn startYear endYear publishedOn source version } departments { code name nameEn aliases version } }',
    `{ indicators(limit: 200) { totalCount items { planCode seq name unit unitAsWritten targetText targetAsWritten targetValue targetKind annualGrowthPct attribute cumulative version ${RESP} specialTargets { seq } } } }`,
    `{ specialTargets(limit: 200) { totalCount items { planCode seq title content assessmentMethods othersInvolved version ${RESP} indicators { seq } } } }`,
    `{ rectifications(limit: 200) { totalCount items { planCode seq problem direction plan measures expectedOutcomes deadlineYear status othersInvolved version ${RESP} } } }`,
    `{ innovationTopics(limit: 200) { totalCount items { planCode seq field title problem path sources version ${RESP} } } }`,
    `{ standards(limit: 200) { totalCount items { planCode seq name releaseYear version ${RESP} } } }`,
  ];
  const data: Record<string, any> = {};
  for (const q of parts) Object.assign(data, await hub.gql(q));
  let audit = 0;
  for (let offset = 0; ; offset += 1000) {
    const page = (await hub.gql('query($o: Int) { auditLog(limit: 1000, offset: $o) { id } }', { o: offset })).auditLog.length;
    audit += page;
    if (page < 1000) break;
  }
  return { ...data, auditLog: audit };
}

/** The same content without versions and audit entries: what a round trip must keep. */
export function content(snap: Awaited<ReturnType<typeof snapshot>>) {
  return JSON.parse(JSON.stringify({ ...snap, auditLog: undefined }), (key, value) => (key === 'version' ? undefined : value));
}

export const IMPORT = `mutation($i: ImportInput!) { importTable(input: $i) {
  importId table format encoding planCode dryRun applied rowCount created updated unchanged deleted problemCount
  problems { table row column value reason code suggestions }
  tables { table rowCount created updated unchanged deleted columns { header field } rows { row key action cells changes { field before after } } }
} }`;

export interface ImportArgs {
  table: string;
  content: Buffer | string;
  format?: string;
  dryRun?: boolean;
  deleteMissing?: boolean;
  planCode?: string;
  filename?: string;
  previewLimit?: number;
}

/** Runs importTable; returns its data or its errors (never throws on GraphQL errors). */
export async function importFile(hub: TestHub, args: ImportArgs, as?: Actor): Promise<{ data?: any; errors?: { message: string; extensions: Record<string, any> }[] }> {
  const input = {
    table: args.table,
    format: args.format,
    content: Buffer.isBuffer(args.content) ? args.content.toString('base64') : args.content,
    encoding: Buffer.isBuffer(args.content) ? 'BASE64' : 'TEXT',
    dryRun: args.dryRun ?? true,
    deleteMissing: args.deleteMissing,
    planCode: args.planCode,
    filename: args.filename,
    previewLimit: args.previewLimit,
  };
  const ctx = await createContext(hub.orm, { actor: as ?? hub.admin });
  const res = await hub.apollo.executeOperation({ query: IMPORT, variables: { i: input } }, { contextValue: ctx });
  if (res.body.kind !== 'single') throw new Error('expected a single result');
  const r = res.body.singleResult;
  return { data: r.data?.importTable ?? undefined, errors: r.errors as any };
}

/** importTable that must succeed. */
export async function imported(hub: TestHub, args: ImportArgs, as?: Actor) {
  const r = await importFile(hub, args, as);
  if (r.errors?.length) throw new Error(`import failed: ${JSON.stringify(r.errors)}`);
  return r.data;
}

/** exportTable's file as bytes. */
export async function exported(hub: TestHub, table: string, format: string, planCode?: string): Promise<{ bytes: Buffer; filename: string; mimeType: string; rowCount: number }> {
  const d = await hub.gql(`query($t: TransferTable!, $f: TransferFormat!, $p: String) { exportTable(table: $t, format: $f, planCode: $p) { filename mimeType rowCount contentBase64 } }`, { t: table, f: format, p: planCode ?? null });
  return { ...d.exportTable, bytes: Buffer.from(d.exportTable.contentBase64, 'base64') };
}

/** A CSV file (UTF-8 with BOM) from rows of cells; cells with commas, quotes or newlines are quoted. */
export function csv(rows: (string | number)[][]): Buffer {
  const cell = (c: string | number) => (/[",\n\r]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c));
  return Buffer.from('\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n', 'utf8');
}

/** Replaces the first occurrence of `from` in a file's text. */
export function edit(file: Buffer, from: string, to: string): Buffer {
  const text = file.toString('utf8');
  if (!text.includes(from)) throw new Error(`"${from}" is not in the file`);
  return Buffer.from(text.replace(from, to), 'utf8');
}
