import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { parse } from 'csv-parse/sync';
import { startHub, type TestHub } from '../helpers';
import { exported, importFile } from './support';

/** A CSV as the hub writes it (every cell quoted: the parser does not care). */
const csv = (rows: string[][]) => '\uFEFF' + rows.map((r) => r.map((x) => `"${x.replace(/"/g, '""')}"`).join(',')).join('\r\n') + '\r\n';

describe('one typo in a file is one problem (issue 10, item 8)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(async () => {
    await hub?.close();
  });

  // The hub's own export, one 责任单位 cell retyped (区住建局 → 区住建委), the 责任说明 beside it untouched.
  for (const table of ['INDICATORS', 'SPECIAL_TARGETS', 'RECTIFICATIONS']) {
    it(`${table}: the mistyped 责任单位 cell is reported once, its untouched 责任说明 not at all`, async () => {
      const file = (await exported(hub, table, 'CSV')).bytes.toString('utf8');
      const rows = parse(file.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][];
      const col = rows[0].indexOf('责任单位');
      const notes = rows[0].indexOf('责任说明');
      const i = rows.findIndex((r) => r[col].includes('区住建局'));
      expect(i).toBeGreaterThan(0);
      expect(rows[i][notes]).toContain('区住建局');
      rows[i][col] = rows[i][col].replace('区住建局', '区住建委');
      const r = await importFile(hub, { table, content: csv(rows), format: 'CSV' });
      expect(r.errors).toBeUndefined();
      expect(r.data.problemCount).toBe(1);
      expect(r.data.problems).toHaveLength(1);
      expect(r.data.problems[0]).toMatchObject({ row: i + 1, column: '责任单位', code: 'BAD_USER_INPUT', suggestions: expect.arrayContaining(['区住建局']) });
    });
  }
});
