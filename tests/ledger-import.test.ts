import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../server/transfer/exceljs'; // the hub's exceljs (its streaming fix installs only if it loads exceljs first)
import { Role } from '../schema/accounts/account.enums';
import type { Actor } from '../server/common/actor';
import { startHub, type TestHub } from './helpers';
import { csv, exported, importFile, imported } from './transfer/support';

/**
 * Issue 14: a department's monthly ledger spreadsheet (电子台账) through the transfer import as table
 * LEDGER. The seed's GDP (地区生产总值, indicator seq 1) is led by 区发改局; indicator 20
 * (环境空气质量优良率) is housing's (区住建局), not 区发改局's.
 */

const HEADER = ['项目类型', '序号', '里程碑序号', '填报单位', '期间', '实际值', '工作进展'];
const GOOD = [HEADER, ['指标', 1, '', '', '2019-01', 95.5, '一月：重大项目开工'], ['指标', 1, '', '区发改局', '2019-02', 190, '二月进展'], ['INDICATOR', 1, '', '', '2019年3月', 301.25, '']];
const BAD = [
  HEADER,
  ['指标', 1, '', '', '2019-13', 95.5, '月份不对'], // row 2: a bad period
  ['指标', 999, '', '', '2019-04', 10, ''], // row 3: no indicator 999
  ['指标', 1, '', '', '2019-05', '约三百', ''], // row 4: a word for the value
  ['指标', 20, '', '', '2019-05', 90, '他人的指标'], // row 5: housing's indicator
  ['指标', 1, '', '', '2019-06', 400, '这一行本身没问题'], // row 6: fine, but the file is refused as a whole
];
const ENTRIES = `query($f: LedgerEntryFilter) { ledgerEntries(filter: $f, orderBy: [{ field: "period" }], limit: 100) { totalCount items { period periodKind actualValue progressText state department { code name } indicator { seq } } } }`;

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('电子台账');
  for (const r of rows) ws.addRow(r.map((c) => (c === '' ? null : c)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('importing a department’s ledger spreadsheet (table LEDGER)', () => {
  let hub: TestHub;
  let editor: Actor;
  const entries = async () => (await hub.gql(ENTRIES, { f: { indicatorIds: null } })).ledgerEntries;
  const count = async () => Number((await hub.orm.em.fork().getConnection().execute('select count(*) as n from ledger_entry'))[0].n);

  beforeAll(async () => {
    hub = await startHub();
    editor = await hub.user('ndrc-editor', Role.EDITOR, '区发改局');
  });
  afterAll(() => hub?.close());

  it('a preview lists every problem by row and column, with codes, and stores nothing', async () => {
    const r = await imported(hub, { table: 'LEDGER', content: csv(BAD), filename: 'ndrc.csv', dryRun: true }, editor);
    expect(r.applied).toBe(false);
    const where = r.problems.map((p: any) => [p.row, p.column, p.code]);
    expect(where).toEqual(
      expect.arrayContaining([
        [2, '期间', 'BAD_USER_INPUT'],
        [3, '序号', 'BAD_USER_INPUT'], // the file's own header names the column
        [4, '实际值', 'BAD_USER_INPUT'],
      ]),
    );
    const other = r.problems.find((p: any) => p.row === 5);
    expect(other, JSON.stringify(r.problems)).toBeDefined();
    expect(other.code).toBe('FORBIDDEN');
    expect(other.reason).toMatch(/区发改局|department/);
    expect(r.problems.some((p: any) => p.row === 6)).toBe(false);
    expect(r.problems.find((p: any) => p.row === 3).reason).toMatch(/999/);
    expect(await count()).toBe(0);
  });

  it('applying the bad file is refused naming each row, and nothing is stored', async () => {
    const before = await count();
    const r = await importFile(hub, { table: 'LEDGER', content: csv(BAD), filename: 'ndrc.csv', dryRun: false }, editor);
    expect(r.errors?.[0].message).toMatch(/import refused, nothing was changed/);
    const rows = (r.errors![0].extensions.problems as any[]).map((p) => p.row);
    expect(new Set(rows)).toEqual(new Set([2, 3, 4, 5]));
    expect(await count()).toBe(before);
  });

  it('a good CSV of three months for GDP by 区发改局’s editor is applied as DRAFT entries, in one audited batch', async () => {
    const preview = await imported(hub, { table: 'LEDGER', content: csv(GOOD), filename: 'ndrc.csv', dryRun: true }, editor);
    expect(preview.problems).toEqual([]);
    expect(preview.created).toBe(3);
    expect(await count()).toBe(0);

    const r = await imported(hub, { table: 'LEDGER', content: csv(GOOD), filename: 'ndrc.csv', dryRun: false }, editor);
    expect(r).toMatchObject({ applied: true, table: 'LEDGER', rowCount: 3, created: 3, updated: 0 });
    const list = await entries();
    expect(list.items.map((e: any) => [e.period, e.periodKind, e.actualValue, e.progressText, e.state, e.department.name, e.indicator.seq])).toEqual([
      ['2019-01', 'MONTH', 95.5, '一月：重大项目开工', 'DRAFT', '区发改局', 1],
      ['2019-02', 'MONTH', 190, '二月进展', 'DRAFT', '区发改局', 1],
      ['2019-03', 'MONTH', 301.25, null, 'DRAFT', '区发改局', 1],
    ]);
    const audit = (await hub.gql(`query($b: String) { auditLog(batchId: $b, limit: 100) { entity action username } }`, { b: r.importId })).auditLog;
    expect(audit.length).toBe(3);
    expect(audit.every((a: any) => a.entity === 'LedgerEntry' && a.action === 'CREATE' && a.username === 'ndrc-editor')).toBe(true);

    // The same file again changes nothing; one value changed is an update of that entry (upsert).
    const again = await imported(hub, { table: 'LEDGER', content: csv(GOOD), filename: 'ndrc.csv', dryRun: false }, editor);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const edited = GOOD.map((row) => (row[4] === '2019-02' ? [...row.slice(0, 5), 200, row[6]] : row));
    const changed = await imported(hub, { table: 'LEDGER', content: csv(edited), filename: 'ndrc.csv', dryRun: false }, editor);
    expect(changed).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect(changed.tables[0].rows.find((x: any) => x.action === 'UPDATE').changes).toEqual([{ field: 'actualValue', before: '190', after: '200' }]);
    expect((await entries()).items.map((e: any) => e.actualValue)).toEqual([95.5, 200, 301.25]);
  });

  it('an XLSX with the same content works', async () => {
    const months = GOOD.map((row, i) => (i === 0 ? row : [row[0], row[1], row[2], row[3], String(row[4]).replace('2019', '2018'), row[5], row[6]]));
    const r = await imported(hub, { table: 'LEDGER', content: await xlsx(months), filename: 'ndrc.xlsx', dryRun: false }, editor);
    expect(r).toMatchObject({ applied: true, format: 'XLSX', created: 3 });
    const list = await entries();
    expect(list.items.filter((e: any) => e.period.startsWith('2018')).map((e: any) => [e.period, e.actualValue, e.state])).toEqual([
      ['2018-01', 95.5, 'DRAFT'],
      ['2018-02', 190, 'DRAFT'],
      ['2018-03', 301.25, 'DRAFT'],
    ]);
    const bad = await importFile(hub, { table: 'LEDGER', content: await xlsx(BAD), filename: 'bad.xlsx', dryRun: false }, editor);
    expect(new Set((bad.errors![0].extensions.problems as any[]).map((p) => p.row))).toEqual(new Set([2, 3, 4, 5]));
    expect((await entries()).totalCount).toBe(6);
  });

  it('exports what the reader may see in the same format, and the export loads back unchanged', async () => {
    const file = await exported(hub, 'LEDGER', 'CSV');
    expect(file.rowCount).toBe(6);
    const lines = file.bytes.toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r\n/);
    expect(lines[0]).toBe('项目类型,项目序号,里程碑序号,填报单位,期间,实际值,工作进展');
    expect(lines).toContain('指标,1,,区发改局,2019-02,200,二月进展');
    const back = await imported(hub, { table: 'LEDGER', content: file.bytes, filename: file.filename, dryRun: false }, editor);
    expect(back).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 6 });
    const x = await exported(hub, 'LEDGER', 'XLSX');
    expect(x.rowCount).toBe(6);
    expect(await imported(hub, { table: 'LEDGER', content: x.bytes, filename: x.filename, dryRun: true }, editor)).toMatchObject({ unchanged: 6 });
  });

  it('a viewer may not import the ledger', async () => {
    const viewer = await hub.user('ledger-viewer', Role.VIEWER);
    const r = await importFile(hub, { table: 'LEDGER', content: csv(GOOD), dryRun: true }, viewer);
    expect(r.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});
