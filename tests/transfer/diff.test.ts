import { describe, expect, it } from 'vitest';
import { departmentChanges, itemChanges, itemPatch, type Current, type ReadRow, type Resp } from '../../server/transfer/diff';
import { TABLES } from '../../server/transfer/tables';

// The diff of a file's row against the stored row: pure, so each case is the two rows and the answer.

const columns = TABLES.indicators.columns;
const seqOf = (ids: number[]) => [...ids].sort((a, b) => a - b);
const changes = (row: ReadRow, cur: Current | null, notesColumn = false) => itemChanges(columns, row, cur, cur ? itemPatch(row, cur) : undefined, { seqOf, notesColumn });

const lead: Resp = { departmentId: 1, department: '区发改局', code: 'fgj', role: 'LEAD', note: null, noteEn: null };
const support: Resp = { departmentId: 2, department: '区住建局', code: 'zjj', role: 'SUPPORT', note: '负责住房', noteEn: 'housing' };

function stored(values: Record<string, unknown> = {}, responsibilities: Resp[] = [lead, support]): Current {
  return {
    id: 7,
    version: 3,
    values: { name: '地区生产总值', unit: '亿元', targetText: '1500', targetKind: 'EXACT', targetValue: 1500, annualGrowthPct: 9, attribute: 'EXPECTED', cumulative: false, unitAsWritten: '亿元（现价）', ...values },
    responsibilities,
    indicatorIds: [],
  };
}

/** The row as a file brings it back: the stored values, the responsibilities without notes (no notes column: keep the stored ones). */
function read(values: Record<string, unknown> = {}, responsibilities: Resp[] = [lead, support].map((r) => ({ ...r, note: undefined, noteEn: undefined }))): ReadRow {
  return { values: { seq: 1, ...stored().values, ...values }, responsibilities };
}

describe('the diff of a row against the stored row', () => {
  it('an unchanged row has an empty patch and no changes, the stored notes kept', () => {
    expect(itemPatch(read(), stored())).toEqual({});
    expect(changes(read(), stored())).toEqual([]);
  });

  it('a changed number is the one field of the patch, shown as the file writes it', () => {
    expect(itemPatch(read({ annualGrowthPct: 9.5 }), stored())).toEqual({ annualGrowthPct: 9.5 });
    expect(changes(read({ annualGrowthPct: 9.5 }), stored())).toEqual([{ field: 'annualGrowthPct', before: '9', after: '9.5' }]);
  });

  it('a new target text travels with the kind and value the file gives', () => {
    expect(itemPatch(read({ targetText: '1600', targetValue: 1600 }), stored())).toEqual({ targetText: '1600', targetKind: 'EXACT', targetValue: 1600 });
  });

  it('an enum change is patched by its value and shown in the plan’s words', () => {
    expect(itemPatch(read({ attribute: 'BINDING' }), stored())).toEqual({ attribute: 'BINDING' });
    expect(changes(read({ attribute: 'BINDING' }), stored())).toEqual([{ field: 'attribute', before: '预期性', after: '约束性' }]);
  });

  it('a cleared cell clears the field', () => {
    expect(itemPatch(read({ unitAsWritten: null }), stored())).toEqual({ unitAsWritten: null });
    expect(changes(read({ unitAsWritten: null }), stored())).toEqual([{ field: 'unitAsWritten', before: '亿元（现价）', after: null }]);
  });

  it('a target method that means the method in effect is no change; another method, or one the new kind no longer defaults to, is', () => {
    // Stored empty: the default for EXACT is GEOMETRIC. The grid writes the method in effect, the server's export the empty cell.
    const empty = stored({ targetMethod: null });
    expect(itemPatch(read({ targetMethod: 'GEOMETRIC' }), empty)).toEqual({});
    expect(itemPatch(read({ targetMethod: null }), empty)).toEqual({});
    expect(changes(read({ targetMethod: 'GEOMETRIC' }), empty)).toEqual([]);
    expect(itemPatch(read({ targetMethod: 'LINEAR' }), empty)).toEqual({ targetMethod: 'LINEAR' });
    // The file also makes it an at-least target (default FINAL): GEOMETRIC is now a choice of its own.
    expect(itemPatch(read({ targetText: '达到1500以上', targetKind: 'AT_LEAST', targetMethod: 'GEOMETRIC' }), empty)).toMatchObject({ targetKind: 'AT_LEAST', targetMethod: 'GEOMETRIC' });
    // Stored LINEAR, the file's cell empty: back to the default.
    expect(itemPatch(read({ targetMethod: null }), stored({ targetMethod: 'LINEAR' }))).toEqual({ targetMethod: null });
  });

  it('a column the file does not have (undefined) is left alone', () => {
    expect(itemPatch(read({ unitAsWritten: undefined, annualGrowthPct: undefined }), stored())).toEqual({});
  });

  it('responsibilities compare in order: the same departments in another order are a change', () => {
    const swapped = read({}, [support, lead].map((r) => ({ ...r, note: undefined, noteEn: undefined })));
    expect(itemPatch(swapped, stored()).responsibilities).toEqual([
      { department: '区住建局', role: 'SUPPORT', note: '负责住房', noteEn: 'housing' },
      { department: '区发改局', role: 'LEAD', note: undefined, noteEn: undefined },
    ]);
  });

  it('a changed role or a new note changes the responsibilities; a new note drops the stored English one', () => {
    const roles = read({}, [{ ...lead, note: undefined, noteEn: undefined }, { ...support, role: 'LEAD', note: undefined, noteEn: undefined }]);
    expect(itemPatch(roles, stored()).responsibilities?.map((r) => r.role)).toEqual(['LEAD', 'LEAD']);
    const noted = read({}, [{ ...lead, note: undefined, noteEn: undefined }, { ...support, note: '牵头住房', noteEn: undefined }]);
    expect(itemPatch(noted, stored()).responsibilities?.[1]).toEqual({ department: '区住建局', role: 'SUPPORT', note: '牵头住房', noteEn: undefined });
    expect(changes(noted, stored(), true).map((c) => c.field)).toEqual(['responsibilities', 'responsibilityNotes']);
  });

  it('linked indicators compare as a set', () => {
    const cur = { ...stored(), indicatorIds: [4, 2] };
    expect(itemPatch({ ...read(), indicatorIds: [2, 4, 4] }, cur)).toEqual({});
    expect(itemPatch({ ...read(), indicatorIds: [2] }, cur)).toEqual({ indicatorIds: ['2'] });
  });

  it('a new row lists every value the file gives', () => {
    const row: ReadRow = { values: { seq: 9, name: '新指标', unit: '%', attribute: 'BINDING', planCode: 'binjiang-13th' } };
    expect(changes(row, null)).toEqual([
      { field: 'seq', before: null, after: '9' },
      { field: 'name', before: null, after: '新指标' },
      { field: 'unit', before: null, after: '%' },
      { field: 'attribute', before: null, after: '约束性' },
    ]);
  });
});

describe('the diff of a department row', () => {
  const cur = { code: 'zjj', name: '区住建局', nameEn: 'Housing Bureau', aliases: ['住建', '住建局'] };

  it('aliases in another order, repeated, or naming the department itself are no change', () => {
    expect(departmentChanges({ ...cur, aliases: ['住建局', '住建', ' 住建 ', '区住建局'] }, cur)).toEqual([]);
  });

  it('a new alias or English name is a change of that field only', () => {
    expect(departmentChanges({ ...cur, aliases: ['住建', '住建局', '建设局'] }, cur)).toEqual(['aliases']);
    expect(departmentChanges({ ...cur, nameEn: 'Housing and Construction Bureau' }, cur)).toEqual(['nameEn']);
  });

  it('a new department changes every field it gives', () => {
    expect(departmentChanges({ code: 'new', name: '新局', nameEn: undefined }, null)).toEqual(['code', 'name', 'nameEn']);
  });
});
