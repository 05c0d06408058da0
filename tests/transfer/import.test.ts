import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { Role } from '../../schema/accounts/account.enums';
import { startHub, type TestHub } from '../helpers';
import { csv, edit, exported, importFile, imported, snapshot } from './support';

/** Imports through GraphQL: dry run, apply, idempotence, delete-missing, labels, departments, permissions. */
describe('importTable', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(async () => hub?.close());

  it('a dry run shows each change cell by cell and writes nothing; the real run applies exactly that, once', async () => {
    const before = await snapshot(hub);
    const file = edit((await exported(hub, 'INDICATORS', 'CSV')).bytes, '1,地区生产总值,亿元,1500,确定值,1500', '1,地区生产总值,亿元,1600,确定值,1600');
    const dry = await imported(hub, { table: 'INDICATORS', content: file, filename: 'indicators.csv' });
    expect(dry).toMatchObject({ dryRun: true, applied: false, rowCount: 24, created: 0, updated: 1, unchanged: 23, deleted: 0, problemCount: 0, format: 'CSV', encoding: 'UTF-8 with BOM', planCode: 'binjiang-13th' });
    const row = dry.tables[0].rows.find((r: any) => r.key === '1');
    expect(row).toMatchObject({ row: 2, action: 'UPDATE' });
    expect(row.changes).toEqual([
      { field: 'targetText', before: '1500', after: '1600' },
      { field: 'targetValue', before: '1500', after: '1600' },
    ]);
    expect(dry.tables[0].columns.slice(0, 4)).toEqual([
      { header: '序号', field: 'seq' },
      { header: '指标名称', field: 'name' },
      { header: '单位', field: 'unit' },
      { header: '2020年目标', field: 'targetText' },
    ]);
    expect(await snapshot(hub)).toEqual(before);

    const real = await imported(hub, { table: 'INDICATORS', content: file, dryRun: false });
    expect(real).toMatchObject({ dryRun: false, applied: true, updated: 1, unchanged: 23 });
    const after = await snapshot(hub);
    const changed = after.indicators.items.find((i: any) => i.seq === 1);
    expect(changed).toMatchObject({ targetText: '1600', targetValue: 1600, targetKind: 'EXACT', version: before.indicators.items[0].version + 1 });
    expect(after.indicators.items.filter((i: any) => i.seq !== 1)).toEqual(before.indicators.items.filter((i: any) => i.seq !== 1));

    // One audit entry per changed field, grouped by the import id.
    const audit = await hub.gql('query($b: String) { auditLog(batchId: $b) { action entity field before after source batchId username } }', { b: real.importId });
    expect(audit.auditLog.map((e: any) => [e.action, e.entity, e.field, e.before, e.after, e.source]).sort()).toEqual([
      ['UPDATE', 'Indicator', 'targetText', '"1500"', '"1600"', 'import'],
      ['UPDATE', 'Indicator', 'targetValue', '1500', '1600', 'import'],
    ]);
    expect(audit.auditLog[0]).toMatchObject({ username: 'admin', batchId: real.importId });

    // Loading the same file again changes nothing, versions included.
    const again = await imported(hub, { table: 'INDICATORS', content: file, dryRun: false });
    expect(again).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 24 });
    expect(await snapshot(hub)).toEqual({ ...after, auditLog: after.auditLog });
  });

  it('every table and the whole plan, exported and loaded back, change nothing (versions unchanged)', async () => {
    const before = await snapshot(hub);
    for (const table of ['DEPARTMENTS', 'PLANS', 'INDICATORS', 'SPECIAL_TARGETS', 'RECTIFICATIONS', 'INNOVATION_TOPICS', 'STANDARDS']) {
      for (const format of ['CSV', 'XLSX', 'JSON']) {
        const file = await exported(hub, table, format);
        const r = await imported(hub, { table, content: file.bytes, format, dryRun: false });
        expect({ table, format, ...r }).toMatchObject({ table, format, applied: true, created: 0, updated: 0, deleted: 0, unchanged: file.rowCount, problemCount: 0 });
      }
    }
    const whole = await exported(hub, 'ALL', 'JSON');
    const r = await imported(hub, { table: 'ALL', content: whole.bytes, dryRun: false });
    expect(r).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 80 });
    const dry = await imported(hub, { table: 'ALL', content: whole.bytes, deleteMissing: true });
    expect(dry).toMatchObject({ applied: false, deleted: 0, problemCount: 0, unchanged: 80 });
    expect(r.tables.map((t: any) => [t.table, t.rowCount])).toEqual([
      ['DEPARTMENTS', 26],
      ['PLANS', 1],
      ['INDICATORS', 24],
      ['SPECIAL_TARGETS', 10],
      ['RECTIFICATIONS', 5],
      ['INNOVATION_TOPICS', 5],
      ['STANDARDS', 9],
    ]);
    expect(await snapshot(hub)).toEqual(before);
  });

  it('takes English headers, English enum values, aliases, full-width separators and a partial set of columns', async () => {
    const before = await snapshot(hub);
    const file = csv([
      ['Seq', 'Name', 'Release Year', 'Responsibilities'],
      [9, before.standards.items[8].name, 2019, '住建：LEAD；环保局:配合'],
    ]);
    const r = await imported(hub, { table: 'STANDARDS', content: file, dryRun: false });
    expect(r).toMatchObject({ applied: true, updated: 1, unchanged: 0, rowCount: 1 });
    const s9 = (await snapshot(hub)).standards.items.find((s: any) => s.seq === 9);
    expect(s9.releaseYear).toBe(2019);
    expect(s9.responsibilities.map((x: any) => [x.department.code, x.role])).toEqual([
      ['housing', 'LEAD'],
      ['environment', 'SUPPORT'],
    ]);
  });

  it('delete-missing is off by default; asked for, it deletes (and previews) the rows the file lacks', async () => {
    const full = (await exported(hub, 'RECTIFICATIONS', 'CSV')).bytes.toString('utf8');
    const lines = full.split('\r\n');
    // Drop rectification 5 (its row may span lines: cut from its line to the end).
    const start = lines.findIndex((l) => l.startsWith('5,'));
    const file = Buffer.from(lines.slice(0, start).join('\r\n') + '\r\n', 'utf8');
    const kept = await imported(hub, { table: 'RECTIFICATIONS', content: file, dryRun: false });
    expect(kept).toMatchObject({ applied: true, rowCount: 4, deleted: 0, unchanged: 4 });
    expect((await snapshot(hub)).rectifications.totalCount).toBe(5);

    const before = await snapshot(hub);
    const dry = await imported(hub, { table: 'RECTIFICATIONS', content: file, deleteMissing: true });
    expect(dry).toMatchObject({ applied: false, deleted: 1 });
    expect(dry.tables[0].rows.at(-1)).toMatchObject({ row: null, key: '5', action: 'DELETE' });
    expect(await snapshot(hub)).toEqual(before);

    const real = await imported(hub, { table: 'RECTIFICATIONS', content: file, deleteMissing: true, dryRun: false });
    expect(real).toMatchObject({ applied: true, deleted: 1, unchanged: 4 });
    const after = await snapshot(hub);
    expect(after.rectifications.items.map((r: any) => r.seq)).toEqual([1, 2, 3, 4]);
    const audit = await hub.gql('query($b: String) { auditLog(batchId: $b) { action entity } }', { b: real.importId });
    expect(audit.auditLog).toEqual([{ action: 'DELETE', entity: 'Rectification' }]);

    // Put it back: the full file creates it again.
    const back = await imported(hub, { table: 'RECTIFICATIONS', content: Buffer.from(full, 'utf8'), dryRun: false });
    expect(back).toMatchObject({ applied: true, created: 1, unchanged: 4 });
  });

  it('an unknown department is a row problem with the closest names, and nothing changes', async () => {
    const before = await snapshot(hub);
    const file = csv([
      ['序号', '标准名称', '出台年份', '责任单位'],
      [1, 'A', 2018, '区住建局:牵头'],
      [2, 'B', 2018, '住建:牵头; 区住建委:配合'],
    ]);
    const dry = await imported(hub, { table: 'STANDARDS', content: file });
    expect(dry.problemCount).toBe(1);
    expect(dry.problems[0]).toMatchObject({ table: 'STANDARDS', row: 3, column: '责任单位', value: '住建:牵头; 区住建委:配合', code: 'BAD_USER_INPUT' });
    expect(dry.problems[0].reason).toMatch(/^unknown department "区住建委"; did you mean 区住建局/);
    expect(dry.problems[0].suggestions[0]).toBe('区住建局');
    expect(dry.tables[0].rows.map((r: any) => r.action)).toEqual(['UPDATE', 'ERROR']);

    const real = await importFile(hub, { table: 'STANDARDS', content: file, dryRun: false });
    expect(real.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problemCount: 1, problems: [{ row: 3, column: '责任单位' }] });
    expect(real.errors![0].message).toMatch(/^import refused, nothing was changed: 1 problem; the first: row 3, column 责任单位: unknown department "区住建委"/);
    expect(await snapshot(hub)).toEqual(before);
  });

  it('reports an unknown department once, not again for its note in 责任说明', async () => {
    const before = await snapshot(hub);
    const file = csv([
      ['序号', '标准名称', '出台年份', '责任单位', '责任说明'],
      [1, 'A', 2018, '区住建委:牵头', '区住建委: 负责起草'],
      [2, 'B', 2018, '区住建局:牵头', '区环保局: 不在责任单位里'],
    ]);
    const dry = await imported(hub, { table: 'STANDARDS', content: file });
    expect(dry.problems.map((p: any) => [p.row, p.column])).toEqual([[2, '责任单位'], [3, '责任说明']]);
    expect(dry.problems[0].reason).toMatch(/^unknown department "区住建委"/);
    expect(dry.problems[1].reason).toMatch(/^"区环保局" is not among the row's 责任单位/);
    expect(await snapshot(hub)).toEqual(before);
  });

  it('goes through the signed-in user’s permissions: a viewer is refused, an editor may not create rows', async () => {
    const viewer = await hub.user('viewer1', Role.VIEWER);
    const editor = await hub.user('editor1', Role.EDITOR, '区住建局');
    const before = await snapshot(hub);
    const file = (await exported(hub, 'STANDARDS', 'CSV')).bytes;
    const refused = await importFile(hub, { table: 'STANDARDS', content: file }, viewer);
    expect(refused.errors![0].extensions.code).toBe('FORBIDDEN');

    const newRow = Buffer.concat([file, Buffer.from('10,新标准,2020,区住建局:牵头,,binjiang-13th\r\n')]);
    const r = await importFile(hub, { table: 'STANDARDS', content: newRow, dryRun: false }, editor);
    expect(r.errors![0].extensions.code).toBe('FORBIDDEN');
    expect(r.errors![0].extensions.problems[0]).toMatchObject({ row: 11, code: 'FORBIDDEN' });
    expect(await snapshot(hub)).toEqual(before);
  });
});
