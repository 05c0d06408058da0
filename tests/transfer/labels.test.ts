import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { parse } from 'csv-parse/sync';
import { startHub, type TestHub } from '../helpers';
import { exported, importFile } from './support';
import { COLUMN_LABELS, ENUM_LABELS } from '../../schema/labels';
import { TABLES as GRID_TABLES } from '../../client/src/tables/specs';

/** Issue 10, item 7: one word for one thing, in the server's files as in the grid. */
describe('the words of files', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(async () => {
    await hub?.close();
  });

  const SERVER: Record<string, keyof typeof COLUMN_LABELS> = {
    INDICATORS: 'indicators',
    SPECIAL_TARGETS: 'specialTargets',
    RECTIFICATIONS: 'rectifications',
    INNOVATION_TOPICS: 'innovationTopics',
    STANDARDS: 'standards',
    DEPARTMENTS: 'departments',
  };

  it('the server’s CSV export uses the grid’s column labels for every column the grid has', async () => {
    for (const [table, key] of Object.entries(SERVER)) {
      const header = (parse((await exported(hub, table, 'CSV')).bytes.toString('utf8').replace(/^\uFEFF/, ''), { to_line: 1 }) as string[][])[0];
      const grid = GRID_TABLES.find((t) => t.key === key)!;
      const labels = new Map(grid.fields.map((f) => [f.label.zh, f.name]));
      const shared = header.filter((h) => labels.has(h));
      // Every header the export writes is a grid label, except 责任说明 (the grid shows notes in the row panel).
      expect(header.filter((h) => !labels.has(h) && h !== COLUMN_LABELS.indicators.responsibilityNotes.zh), table).toEqual([]);
      expect(shared.length, table).toBeGreaterThan(2);
    }
  });

  it('the server writes the grid’s enum words: 确定值, 以上（不低于）, not 确数, 不低于', async () => {
    const text = (await exported(hub, 'INDICATORS', 'CSV')).bytes.toString('utf8');
    expect(text).toContain(`,${ENUM_LABELS.TargetKind.EXACT.zh},`);
    expect(text).toContain(`,${ENUM_LABELS.TargetKind.AT_LEAST.zh},`);
    expect(text).not.toMatch(/,确数,|,不低于,/);
  });

  it('an old file with the old words still loads: 目标值, 指标属性, 规划, 确数, 不低于', async () => {
    const csv = ['序号,指标名称,单位,目标值,目标类型,目标数值,指标属性,规划', '1,地区生产总值,亿元,1500,确数,1500,预期性,binjiang-13th', '20,环境空气质量优良率,%,达到68以上,不低于,68,约束性,binjiang-13th'].join('\n');
    const r = await importFile(hub, { table: 'INDICATORS', content: csv, format: 'CSV' });
    expect(r.errors).toBeUndefined();
    expect(r.data).toMatchObject({ problemCount: 0, updated: 0, unchanged: 2 });
  });
});
