import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import ExcelJS from '../../server/transfer/exceljs';
import { parse } from 'csv-parse/sync';
import { Readable } from 'node:stream';
import type { Em } from '../../server/orm';
import { TransferService } from '../../server/transfer/transfer.service';
import { bufferSource } from '../../server/transfer/source';
import { TransferTable } from '../../schema/transfer/transfer.enums';
import { startHub, type TestHub } from '../helpers';
import { content, exported, imported, snapshot } from './support';

const TABLES = ['DEPARTMENTS', 'PLANS', 'INDICATORS', 'SPECIAL_TARGETS', 'RECTIFICATIONS', 'INNOVATION_TOPICS', 'STANDARDS'];

/** A workbook's cells, sheet by sheet: what XLSX content means (the zip also holds timestamps). */
async function cells(xlsx: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.read(Readable.from([xlsx]));
  const out: unknown[][] = [];
  wb.eachSheet((sheet) => sheet.eachRow((row) => out.push([sheet.name, ...(row.values as unknown[]).slice(1)])));
  return out;
}

describe('round trip: export everything → import into an empty database → export again', () => {
  let source: TestHub;
  const empty: TestHub[] = [];
  beforeAll(async () => {
    source = await startHub();
  });
  afterAll(async () => {
    await source?.close();
    for (const h of empty) await h.close();
  });
  const fresh = async () => {
    const hub = await startHub({ seed: false });
    empty.push(hub);
    return hub;
  };

  it('the whole plan as one JSON document gives the same document, and the same rows', async () => {
    const first = await exported(source, 'ALL', 'JSON');
    const target = await fresh();
    const r = await imported(target, { table: 'ALL', content: first.bytes, dryRun: false });
    expect(r).toMatchObject({ applied: true, created: 80, updated: 0, problemCount: 0 });
    const again = await exported(target, 'ALL', 'JSON');
    expect(again.bytes.toString('utf8')).toBe(first.bytes.toString('utf8'));
    expect(content(await snapshot(target))).toEqual(content(await snapshot(source)));
  });

  for (const format of ['CSV', 'XLSX']) {
    it(`every table as ${format}, loaded in order into an empty database, exports the same files`, async () => {
      const files = new Map<string, Buffer>();
      for (const t of TABLES) files.set(t, (await exported(source, t, format)).bytes);
      const target = await fresh();
      for (const t of TABLES) {
        const r = await imported(target, { table: t, content: files.get(t)!, format, dryRun: false });
        expect({ t, ...r }).toMatchObject({ t, applied: true, updated: 0, problemCount: 0 });
      }
      for (const t of TABLES) {
        const again = (await exported(target, t, format)).bytes;
        if (format === 'CSV') expect(again.toString('utf8')).toBe(files.get(t)!.toString('utf8'));
        else expect(await cells(again)).toEqual(await cells(files.get(t)!));
      }
      expect(content(await snapshot(target))).toEqual(content(await snapshot(source)));
    });
  }

  it('large files create rows set-wise (the CLI path): the same rows, versions and audit entries as through the services', async () => {
    const doc = (await exported(source, 'ALL', 'JSON')).bytes;
    const viaServices = empty[0]; // loaded through GraphQL above
    const bulk = await fresh();
    const report = await new TransferService(bulk.orm.em.fork() as Em, { ...bulk.admin, source: 'import' }).import(
      { table: TransferTable.ALL, source: bufferSource(doc, 'plan.json'), dryRun: false },
      { maxBytes: 1 << 30, maxBytesSetting: 'test', bulkAbove: 0, chunkSize: 7 },
    );
    expect(report).toMatchObject({ applied: true, created: 80 });
    expect(await snapshot(bulk)).toEqual(await snapshot(viaServices));
    const creates = async (hub: TestHub, entity: string) =>
      (await hub.gql('query($e: String) { auditLog(entity: $e, action: CREATE, limit: 100) { entityId after source username } }', { e: entity })).auditLog
        .map((e: any) => ({ ...e, after: JSON.parse(e.after) }))
        .sort((a: any, b: any) => a.after.seq - b.after.seq);
    for (const entity of ['Indicator', 'SpecialTarget', 'Rectification', 'InnovationTopic', 'Standard']) {
      const [a, b] = [await creates(viaServices, entity), await creates(bulk, entity)];
      expect(b.length).toBeGreaterThan(0);
      expect(b.map((e: any) => e.after)).toEqual(a.map((e: any) => e.after));
      expect(b[0]).toMatchObject({ source: 'import', username: 'admin' });
    }
  });

  it('CSV injection: cells that look like formulas are neutralised in CSV and XLSX exports, and load back unchanged', async () => {
    const attacks = ["=cmd|' /C calc'!A0", '+SUM(1,2)', '-2+3', '@SUM(A1)', '=HYPERLINK("http://x.example","y")', "'=already quoted"];
    const rows = attacks.map((name, i) => ({ seq: 1 + i, name, releaseYear: 2018, responsibilities: [{ department: '区住建局', role: 'LEAD' }] }));
    await imported(source, { table: 'STANDARDS', content: JSON.stringify(rows), format: 'JSON', dryRun: false });
    const csvText = (await exported(source, 'STANDARDS', 'CSV')).bytes.toString('utf8');
    const records: string[][] = parse(csvText, { bom: true });
    expect(records.slice(1, 7).map((r) => r[1])).toEqual(attacks.map((a) => `'${a}`));
    for (const record of records) for (const cell of record) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const xlsxCells = (await cells((await exported(source, 'STANDARDS', 'XLSX')).bytes)).slice(1, 7).map((r) => r[2]);
    expect(xlsxCells).toEqual(attacks.map((a) => `'${a}`));
    const json = JSON.parse((await exported(source, 'STANDARDS', 'JSON')).bytes.toString('utf8'));
    expect(json.rows.slice(0, 6).map((r: any) => r.name)).toEqual(attacks);
    for (const format of ['CSV', 'XLSX']) {
      const r = await imported(source, { table: 'STANDARDS', content: (await exported(source, 'STANDARDS', format)).bytes, format, dryRun: false });
      expect(r).toMatchObject({ updated: 0, unchanged: 9 });
    }
    const stored = await source.gql('{ standards(limit: 6) { items { name } } }');
    expect(stored.standards.items.map((s: any) => s.name)).toEqual(attacks);
  });
});
