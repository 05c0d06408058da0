import { randomBytes } from 'node:crypto';
import { describe, expect, it, afterAll, beforeAll, afterEach } from 'vitest';
import ExcelJS, { streamingReaderWorks } from '../../server/transfer/exceljs';
import iconv from 'iconv-lite';
import { startHub, type TestHub } from '../helpers';
import { csv, exported, importFile, imported, snapshot } from './support';

const HEADER = ['序号', '标准名称', '出台年份', '责任单位'];

async function xlsx(rows: unknown[][], sheet = '公共治理标准'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Every malformed file gets a clear, coded answer naming where the problem is, and leaves the
 * database exactly as it was (a full snapshot through GraphQL, audit entries included). Each file
 * is loaded for real (dryRun: false): refusing it is the import's job, not the dry run's.
 */
describe('malformed files', () => {
  let hub: TestHub;
  let before: Awaited<ReturnType<typeof snapshot>>;
  beforeAll(async () => {
    hub = await startHub();
    before = await snapshot(hub);
  });
  afterAll(async () => hub?.close());
  afterEach(async () => {
    expect(await snapshot(hub)).toEqual(before);
  });

  /** A file-level refusal: BAD_USER_INPUT, field "file", the reason in the message. */
  async function refused(args: Parameters<typeof importFile>[1], reason: RegExp) {
    const r = await importFile(hub, { dryRun: false, ...args });
    expect(r.errors, JSON.stringify(r.data)).toHaveLength(1);
    expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
    expect(r.errors![0].message).toMatch(reason);
    return r.errors![0];
  }

  /** Row problems: the dry run lists them; the real run is refused with them, changing nothing. */
  async function problems(args: Parameters<typeof importFile>[1]) {
    const dry = await imported(hub, { ...args, dryRun: true });
    const real = await importFile(hub, { ...args, dryRun: false });
    expect(real.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problemCount: dry.problemCount });
    expect(real.errors![0].extensions.problems).toEqual(dry.problems);
    return dry.problems.map((p: any) => `${p.row}|${p.column}|${p.value}|${p.reason}`);
  }

  it('a wrong encoding: Big5 and Shift-JIS are refused with what they look like', async () => {
    const text = '序号,标准名称,出台年份,责任单位\r\n1,行政审批标准化建设规范,2018,区住建局:牵头\r\n';
    await refused({ table: 'STANDARDS', content: iconv.encode(text, 'big5'), filename: 'big5.csv' }, /neither UTF-8 nor GB18030 \(it looks like Big5, \d+% sure\); in Excel choose Save As → "CSV UTF-8/);
    await refused({ table: 'STANDARDS', content: iconv.encode('ＩＤ,名前\r\n1,テスト\r\n', 'shift_jis'), filename: 'sjis.csv' }, /neither UTF-8 nor GB18030/);
  });

  it('a file that turns out not to be UTF-8 after its first 64 KB is refused with the byte offset', async () => {
    const rows = [HEADER, ...Array.from({ length: 2000 }, (_, i) => [i + 1, `标准${i + 1}`, 2018, '区住建局:牵头'])];
    const good = csv(rows);
    const bad = Buffer.concat([good, Buffer.from([0xc3, 0x28, 0x0d, 0x0a])]);
    expect(bad.length).toBeGreaterThan(64 * 1024);
    await refused({ table: 'STANDARDS', content: bad, filename: 'mixed.csv' }, /not valid UTF-8 \(a bad byte sequence within bytes \d+–\d+\)/);
  });

  it('missing and unknown headers are reported before any row is read', async () => {
    const error = await refused({ table: 'INDICATORS', content: csv([['序号', '单位', '目标值', '颜色'], [1, '亿元', '1500', '红']]) }, /the header of 重点绩效指标 \(indicators\) does not fit/);
    expect(error.extensions.problems.map((p: any) => [p.row, p.column, p.reason.replace(/;.*/, '')])).toEqual([
      [1, '颜色', 'unknown column "颜色" for 重点绩效指标 (indicators)'],
      [1, '指标名称', 'missing column 指标名称 (name): rows cannot be created without it'],
      [1, '属性', 'missing column 属性 (attribute): rows cannot be created without it'],
    ]);
    await refused({ table: 'STANDARDS', content: csv([['序号', '标准名称', '标准名称', '出台年份'], [1, 'a', 'b', 2018]]) }, /"标准名称" is the same column as "标准名称" \(name\)/);
  });

  it('wrong types: every bad cell with its row, column, value and reason; the valid change before them is not applied', async () => {
    const file = csv([
      HEADER,
      [1, '改过的名称', 2018, '区住建局:牵头'],
      ['abc', '标准', 2018, '区住建局:牵头'],
      [3, '标准', 'next year', '区住建局:牵头'],
      [4, '', 2018, '区住建局:主办'],
      [5, '标准', 2018.5, '区住建局'],
    ]);
    expect(await problems({ table: 'STANDARDS', content: file })).toEqual([
      '3|序号|abc|seq must be a positive integer',
      '4|出台年份|next year|releaseYear must be a year between 1949 and 2200',
      '5|标准名称|null|name must not be empty',
      '5|责任单位|区住建局:主办|"区住建局:主办": unknown role "主办"; use 牵头, 配合 (LEAD, SUPPORT)',
      '6|出台年份|2018.5|releaseYear must be a year between 1949 and 2200',
      '6|责任单位|区住建局|"区住建局" should be a department and its role, like 区住建局:牵头 or 区环保局:配合',
    ]);
    const indicators = csv([
      ['序号', '指标名称', '单位', '目标值', '目标数值', '指标属性', '五年累计'],
      [1, '地区生产总值', '亿元', '1500', 'x', '预期性', '否'],
      [2, '第三产业增加值占GDP比重', '%', '很多', '', '随便', 'maybe'],
    ]);
    expect(await problems({ table: 'INDICATORS', content: indicators })).toEqual([
      '2|目标数值|x|expected a number, got "x"',
      '3|指标属性|随便|unknown value "随便"; use 预期性, 约束性 (EXPECTED, BINDING)',
      '3|五年累计|maybe|expected 是 or 否 (true/false), got "maybe"',
    ]);
  });

  it('an unreadable target without its kind, a link to a missing row, a plan that is not the one loaded', async () => {
    const file = csv([
      ['序号', '指标名称', '单位', '目标值', '指标属性', '规划'],
      [99, '新指标', '个', '很多', '预期性', 'binjiang-13th'],
      [98, '新指标', '个', '10', '预期性', 'another-plan'],
    ]);
    expect(await problems({ table: 'INDICATORS', content: file })).toEqual([
      '2|目标值|很多|cannot read the target "很多"; give 目标类型 and 目标数值 with it',
      '3|规划|another-plan|the row belongs to plan another-plan, but this import loads plan binjiang-13th: load one plan per file',
    ]);
    const targets = (await exported(hub, 'SPECIAL_TARGETS', 'CSV')).bytes.toString('utf8').replace(',1; 2; 3; 4,', ',1; 2; 99,');
    expect(await problems({ table: 'SPECIAL_TARGETS', content: Buffer.from(targets) })).toEqual(['2|关联指标|1; 2; 99|no indicator with seq 99 in plan binjiang-13th']);
  });

  it('duplicate keys within the file: the second row is refused, naming the first', async () => {
    const file = csv([HEADER, [1, 'a', 2018, '区住建局:牵头'], [2, 'b', 2018, '区住建局:牵头'], [1, 'c', 2018, '区住建局:牵头']]);
    expect(await problems({ table: 'STANDARDS', content: file })).toEqual(['4|序号|1|序号 1 is already at row 2 of this file: each row must have its own key']);
    const deps = (await exported(hub, 'DEPARTMENTS', 'CSV')).bytes.toString('utf8');
    const twice = deps + deps.split('\r\n')[1] + '\r\n';
    expect(await problems({ table: 'DEPARTMENTS', content: Buffer.from(twice) })).toEqual([
      `28|代码|administrative-service|代码 administrative-service is already at row 2 of this file: each row must have its own key`,
    ]);
  });

  it('XLSX cells holding formulas or dates where text is expected', async () => {
    const file = await xlsx([
      HEADER,
      [1, { formula: 'B3&"标准"', result: '标准标准' }, 2018, '区住建局:牵头'],
      [2, new Date(Date.UTC(2018, 0, 1)), 2018, '区住建局:牵头'],
      [3, '标准', { formula: '2017+1', result: 2018 }, '区住建局:牵头'],
    ]);
    const found = await problems({ table: 'STANDARDS', content: file, filename: 'standards.xlsx' });
    expect(found).toEqual([
      '2|标准名称|=B3&"标准"|a formula (=B3&"标准") where a value is expected; paste the values only (Paste Special → Values)',
      '3|标准名称|2018-01-01T00:00:00.000Z|a date where text is expected: Excel turned the cell into a date; format the column as Text and type the value again',
      '4|出台年份|=2017+1|a formula (=2017+1) where a value is expected; paste the values only (Paste Special → Values)',
    ]);
  });

  it('a large XLSX of Chinese text streams in intact (exceljs decodes chunk by chunk; server/transfer/exceljs.ts fixes that)', async () => {
    expect(await streamingReaderWorks()).toBe(true);
    const names = Array.from({ length: 300 }, (_, i) => `第${i + 1}项：${'杭州市高新区（滨江）公共治理标准化建设'.repeat(14)}`);
    // Read by stock exceljs 4.4's streaming reader, 10 of these 300 names come back with U+FFFD in them.
    const file = await xlsx([HEADER, ...names.map((name, i) => [i + 1, name, 2018, '区住建局:牵头'])]);
    const r = await imported(hub, { table: 'STANDARDS', content: file, format: 'XLSX', previewLimit: 300 });
    expect(r).toMatchObject({ problemCount: 0, rowCount: 300 });
    expect(r.tables[0].rows.map((row: any) => row.cells[1])).toEqual(names);
  });

  it('a large file (written set-wise) that turns out bad near its end: everything written before is rolled back', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => [100 + i, `标准${i}`, 2018, '区住建局:牵头; 区环保局:配合']);
    const late = await problems({ table: 'STANDARDS', content: csv([HEADER, ...rows, [9000, '标准', 2018, '区火星局:牵头']]) });
    expect(late).toEqual(['2502|责任单位|区火星局:牵头|unknown department "区火星局"']);
    const broken = Buffer.concat([csv([HEADER, ...rows]), Buffer.from('9001,"未闭合,2018\r\n')]);
    await refused({ table: 'STANDARDS', content: broken, filename: 'late.csv' }, /the CSV is malformed near row 2502/);
  });

  it('an empty file, a header without rows, blank lines only', async () => {
    await refused({ table: 'STANDARDS', content: '', format: 'CSV' }, /^file: the file is empty$/);
    await refused({ table: 'STANDARDS', content: csv([HEADER]) }, /the file has a header but no rows for 公共治理标准 \(standards\)/);
    await refused({ table: 'STANDARDS', content: '\r\n\r\n,,,\r\n', format: 'CSV' }, /the file is empty: no header row/);
    await refused({ table: 'STANDARDS', content: '[]', format: 'JSON' }, /the file has a header but no rows|the file is empty/);
  });

  it('10 MB of random bytes, whatever it is called', async () => {
    const noise = randomBytes(10 * 1024 * 1024);
    noise[0] = 0x41; // not by chance a zip or a BOM
    await refused({ table: 'STANDARDS', content: noise, filename: 'noise.csv' }, /this is not a text file \(it holds NUL bytes\)/);
    await refused({ table: 'STANDARDS', content: noise, format: 'XLSX' }, /not an XLSX workbook/);
    await refused({ table: 'STANDARDS', content: noise, format: 'JSON' }, /this is not a text file/);
    const zipNoise = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), noise.subarray(0, 1024 * 1024)]);
    await refused({ table: 'STANDARDS', content: zipNoise, filename: 'noise.xlsx' }, /not a readable XLSX workbook/);
  });

  it('broken CSV quoting, broken JSON, an old .xls, a file over the size limit', async () => {
    await refused({ table: 'STANDARDS', content: '序号,标准名称,出台年份\r\n1,"未闭合,2018\r\n', format: 'CSV' }, /the CSV is malformed near row/);
    await refused({ table: 'STANDARDS', content: '[{"seq": 1,', format: 'JSON' }, /not valid JSON/);
    await refused({ table: 'STANDARDS', content: '{"rows": [1, 2]}', format: 'JSON' }, /rows\[0\] is not an object/);
    await refused({ table: 'STANDARDS', content: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]) }, /Excel 97–2003 \(\.xls\) file/);
    const old = process.env.IMPORT_MAX_BYTES;
    process.env.IMPORT_MAX_BYTES = '1KB';
    try {
      const file = (await exported(hub, 'STANDARDS', 'CSV')).bytes;
      await refused({ table: 'STANDARDS', content: file }, /the file is [\d.]+ KB, over the import limit of 1\.0 KB \(IMPORT_MAX_BYTES\)/);
    } finally {
      if (old === undefined) delete process.env.IMPORT_MAX_BYTES;
      else process.env.IMPORT_MAX_BYTES = old;
    }
  });

  it('GB18030, as Chinese Excel saves "CSV", is recognised and read', async () => {
    const text = (await exported(hub, 'STANDARDS', 'CSV')).bytes.toString('utf8').replace(/^\uFEFF/, '');
    const r = await imported(hub, { table: 'STANDARDS', content: iconv.encode(text, 'gb18030'), filename: 'standards.csv' });
    expect(r).toMatchObject({ encoding: 'GB18030', problemCount: 0, unchanged: 9 });
    // Excel's "Unicode Text": UTF-16 with a BOM, tab-separated.
    const tsv = '\uFEFF序号\t标准名称\t出台年份\r\n' + before.standards.items.map((s: any) => `${s.seq}\t${s.name}\t${s.releaseYear}`).join('\r\n') + '\r\n';
    const utf16 = await imported(hub, { table: 'STANDARDS', content: iconv.encode(tsv, 'utf16le'), filename: 'standards.txt' });
    expect(utf16).toMatchObject({ encoding: 'UTF-16LE', problemCount: 0, unchanged: 9 });
  });
});
