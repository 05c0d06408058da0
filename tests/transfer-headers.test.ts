import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { startHub, type TestHub } from './helpers';
import { csv, exported, importFile } from './transfer/support';
import { DESCRIPTORS, ENUMS, type EnumName } from '../schema/descriptors';
import type { FieldDescriptor, TableDescriptor } from '../schema/common/descriptor';

/**
 * Issue 12: the import reads every word a table's descriptor has for a column — its Chinese and
 * English labels, its field name and each alias — and every word of every enum value in both
 * languages (and the older synonyms) back to the value. Each table's own export, its headers
 * renamed, loads back unchanged through the public import.
 */
let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await hub?.close();
});

const transferName = (d: TableDescriptor) => d.name.replace(/[A-Z]/g, (m) => `_${m}`).toUpperCase();
const fileColumns = (d: TableDescriptor) => d.fields.filter((f) => f.cell && f.cell !== 'informational');
const informational = (d: TableDescriptor) => d.fields.filter((f) => f.cell === 'informational');
/** Every header a file may use for a column: 指标名称, Indicator, name, 指标. */
const headers = (f: FieldDescriptor) => [f.label.zh, f.label.en, f.field, ...(f.aliases ?? [])];

async function exportedRows(table: string): Promise<string[][]> {
  const text = (await exported(hub, table, 'CSV')).bytes.toString('utf8').replace(/^\uFEFF/, '');
  return parse(text, { relax_column_count: true }) as string[][];
}

describe('every header a descriptor names maps to its column', () => {
  for (const d of Object.values(DESCRIPTORS) as TableDescriptor[]) {
    it(d.name, async () => {
      const table = transferName(d);
      const [header, ...rows] = await exportedRows(table);
      const columns = fileColumns(d);
      // The export writes the descriptor's columns, in its order, under their Chinese labels.
      expect(header, table).toEqual(columns.map((f) => f.label.zh));
      expect(rows.length, `${table} has rows to load back`).toBeGreaterThan(0);
      const extra = informational(d);
      const variants = Math.max(...[...columns, ...extra].map((f) => headers(f).length));
      for (let v = 0; v < variants; v++) {
        // The v-th word of each column (its Chinese label where it has fewer), and the grid's
        // informational columns (版本, Updated, …) the import accepts and leaves alone.
        const named = columns.map((f) => headers(f)[v] ?? f.label.zh);
        const infoHeaders = extra.map((f) => headers(f)[v] ?? f.label.zh);
        const file = csv([[...named, ...infoHeaders], ...rows.map((r) => [...r, ...extra.map(() => '')])]);
        const r = await importFile(hub, { table, content: file, format: 'CSV', previewLimit: 0 });
        expect(r.errors, `${table} ${named.join(',')}`).toBeUndefined();
        expect(r.data.problems, `${table} ${named.join(',')}`).toEqual([]);
        expect(r.data.tables[0].columns).toEqual(named.map((h, i) => ({ header: h, field: columns[i].field })));
        expect({ unchanged: r.data.unchanged, created: r.data.created, updated: r.data.updated }).toEqual({ unchanged: rows.length, created: 0, updated: 0 });
      }
    });
  }
});

/** The value of a word: the Chinese label back to its key. */
const valueOfLabel = (name: EnumName, zh: string) => Object.entries(ENUMS[name]).find(([, l]) => l.zh === zh)?.[0];
/** Every word of every value of an enum: [word, value]. */
function words(name: EnumName): [string, string][] {
  return Object.entries(ENUMS[name]).flatMap(([value, l]) => [l.zh, l.en, value, ...((l as { synonyms?: string[] }).synonyms ?? [])].map((w) => [w, value] as [string, string]));
}

describe('every enum word reads back to its value', () => {
  const enumColumns = (Object.values(DESCRIPTORS) as TableDescriptor[]).flatMap((d) =>
    fileColumns(d)
      .filter((f) => f.cell === 'enum' || f.cell === 'enumList' || f.cell === 'bool')
      .map((f) => ({ d, f, name: (f.cell === 'bool' ? 'Boolean' : f.enum) as EnumName })),
  );

  it('covers every enum the descriptors name', () => {
    // Not columns of a file: roles travel inside 责任单位; a feedback's source only in the API.
    const covered = new Set([...enumColumns.map((c) => c.name), 'ResponsibilityRole', 'FeedbackSource']);
    expect([...covered].sort()).toEqual(Object.keys(ENUMS).sort());
  });

  /** Values the API gives for fields a file may leave empty (the default): `TABLE:seq:field` → value. */
  const inEffect = new Map<string, unknown>();
  beforeAll(async () => {
    const { indicators } = await hub.gql('{ indicators(limit: 1000) { items { seq targetMethod } } }');
    for (const i of indicators.items) inEffect.set(`INDICATORS:${i.seq}:targetMethod`, i.targetMethod);
  });

  for (const { d, f, name } of enumColumns) {
    it(`${d.name}.${f.field} (${name})`, async () => {
      const table = transferName(d);
      const [header, ...rows] = await exportedRows(table);
      const col = header.indexOf(f.label.zh);
      const all = words(name);
      // One word a row, as many files as it takes.
      for (let start = 0; start < all.length; start += rows.length) {
        const chunk = all.slice(start, start + rows.length);
        // A rectification's status changes only through its loop (advanceRectification): its words are
        // read on new rows, which a file may create with any status.
        const fresh = table === 'RECTIFICATIONS' && f.field === 'status';
        const seqCol = header.indexOf('序号');
        const file = csv([header, ...rows.map((r, i) => (i < chunk.length ? r.map((c, j) => (j === col ? chunk[i][0] : fresh && j === seqCol ? String(900 + i) : c)) : r))]);
        const r = await importFile(hub, { table, content: file, format: 'CSV', previewLimit: 1000 });
        expect(r.errors).toBeUndefined();
        expect(r.data.problems, chunk.map((w) => w[0]).join(',')).toEqual([]);
        chunk.forEach(([word, value], i) => {
          const preview = r.data.tables[0].rows.find((p: { row: number }) => p.row === i + 2);
          const change = preview.changes.find((c: { field: string }) => c.field === f.field);
          // The cell as the file would write it afterwards: the value's Chinese label.
          const after = change ? change.after : rows[i][col];
          // No change to an empty cell: the field's default (an indicator's target method), which the API names.
          const read = !change && !after ? inEffect.get(`${table}:${rows[i][header.indexOf('序号')]}:${f.field}`) : f.cell === 'bool' ? valueOfLabel('Boolean', after) : valueOfLabel(name, after);
          expect(read, `${word} in ${table} row ${i + 2}`).toBe(value);
        });
      }
    });
  }

  it('responsibilities: every word of a role, in either order of unit and role', async () => {
    const d = DESCRIPTORS.standards as TableDescriptor;
    const table = transferName(d);
    const [header, ...rows] = await exportedRows(table);
    const col = header.indexOf(d.fields.find((f) => f.field === 'responsibilities')!.label.zh);
    const notes = header.indexOf(d.fields.find((f) => f.field === 'responsibilityNotes')!.label.zh);
    const all = words('ResponsibilityRole').flatMap(([w, v]) => [[`区住建局:${w}`, v], [`${w}：区住建局`, v]] as [string, string][]);
    for (let start = 0; start < all.length; start += rows.length) {
      const chunk = all.slice(start, start + rows.length);
      const file = csv([header, ...rows.map((r, i) => (i < chunk.length ? r.map((c, j) => (j === col ? chunk[i][0] : j === notes ? '' : c)) : r))]);
      const r = await importFile(hub, { table, content: file, format: 'CSV', previewLimit: 1000 });
      expect(r.errors).toBeUndefined();
      expect(r.data.problems, chunk.map((w) => w[0]).join(',')).toEqual([]);
      chunk.forEach(([word, value], i) => {
        const preview = r.data.tables[0].rows.find((p: { row: number }) => p.row === i + 2);
        const change = preview.changes.find((c: { field: string }) => c.field === 'responsibilities');
        const after: string = change ? change.after : rows[i][col];
        expect(after, word).toMatch(new RegExp(`${ENUMS.ResponsibilityRole[value as 'LEAD'].zh}`));
        expect(after.split(/[;；]/).length, word).toBe(1);
      });
    }
  });
});
