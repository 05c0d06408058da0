import { normaliseName } from '../../schema/departments/department.entity';
import type { ItemData } from '../common/plan-item.service';
import { writeCell } from './cells';
import { defaultMethod } from '../year-targets/derive';
import type { TargetKind, TargetMethod } from '../../schema/indicators/indicator.enums';
import type { ColumnSpec } from './tables';
import type { MilestoneData } from '../../schema/milestones/milestone.inputs';
import { milestoneValues } from '../milestones/milestone.service';

/**
 * What a row of a file changes in the stored row: pure functions of the two, in the services'
 * terms (a patch as update() takes it) and as the import preview shows it (text as a file writes it).
 */

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

/** A responsibility with its department looked up. note undefined: keep the stored note. */
export interface Resp {
  departmentId: number;
  department: string;
  code: string;
  role: string;
  note: string | null | undefined;
  /** undefined: the service keeps the stored English note while the note stays the same. */
  noteEn?: string | null;
}

/** A stored plan-table row as the import compares it. */
export interface Current {
  id: number;
  version: number;
  values: Record<string, unknown>;
  responsibilities: Resp[];
  indicatorIds: number[];
  /** specialTargets: the stored milestones, in seq order. */
  milestones?: Required<MilestoneData>[];
}

/** A row of the file as the diff sees it: values by field (undefined: the file has no such column), resolved responsibilities and links. */
export interface ReadRow {
  values: Record<string, unknown>;
  /** undefined: the file has no responsibilities column. */
  responsibilities?: Resp[];
  /** specialTargets: linked indicator ids; undefined: no such column. */
  indicatorIds?: number[];
}

export const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** A value written the way a file writes it, for previews. */
export function show(column: ColumnSpec | undefined, value: unknown): string | null {
  if (value == null) return null;
  if (!column) return typeof value === 'string' ? value : JSON.stringify(value);
  const out = writeCell(column.kind, value);
  return out === '' ? null : String(out);
}

/** What a responsibility becomes in a service's input: the English note only where the file gives one. */
export const respInput = (w: Resp) => ({ department: w.department, role: w.role as never, note: w.note ?? undefined, ...(w.noteEn !== undefined ? { noteEn: w.noteEn ?? undefined } : {}) });

/** The responsibilities the file asks for, with stored notes kept where the file gives none. */
export function wantedResponsibilities(read: Resp[], cur: { responsibilities: Resp[] } | null): Resp[] {
  return read.map((r) => {
    const stored = cur?.responsibilities.find((c) => c.departmentId === r.departmentId);
    const note = r.note !== undefined ? r.note : (stored?.note ?? null);
    // The English note: the file's, else the stored one while the note stays the same (as the service keeps it).
    const noteEn = r.noteEn !== undefined ? r.noteEn : stored && (stored.note ?? null) === (note ?? null) ? (stored.noteEn ?? null) : null;
    return { ...r, note, noteEn };
  });
}

/**
 * Only what differs, in the API's terms; unchanged fields are left out so an EDITOR may load rows
 * they may edit. Responsibilities compare in order (a new order is a change: LEAD first, as listed);
 * linked indicators compare as a set.
 */
/**
 * An indicator's target method: stored empty means the default for its target kind, and a file may
 * give either (the grid writes the method in effect, the server's export what is stored). They are
 * the same when they mean the same method under the row's (new) target kind.
 */
function sameMethod(next: unknown, read: Record<string, unknown>, stored: Record<string, unknown>): boolean {
  const kind = (read.targetKind ?? stored.targetKind) as TargetKind;
  const cumulative = Boolean(read.cumulative ?? stored.cumulative);
  const inEffect = (m: unknown) => (m as TargetMethod | null) ?? defaultMethod(kind, cumulative);
  return inEffect(next) === inEffect(stored.targetMethod);
}

export function itemPatch(row: ReadRow, cur: Current): ItemData {
  const patch: ItemData = {};
  for (const [field, value] of Object.entries(row.values)) {
    if (field === 'planCode' || field === 'indicators' || field === 'seq' || value === undefined) continue;
    const next = typeof value === 'string' ? value.trim() : value;
    if (field === 'targetMethod' && sameMethod(next, row.values, cur.values)) continue;
    if (!same(next, cur.values[field])) patch[field] = next;
  }
  // A new target text travels with its kind and value, so the API does not read them again.
  if (patch.targetText !== undefined || patch.targetKind !== undefined) {
    if (row.values.targetKind !== undefined) patch.targetKind = row.values.targetKind;
    if (row.values.targetValue !== undefined) patch.targetValue = row.values.targetValue;
  }
  if (row.responsibilities) {
    const wanted = wantedResponsibilities(row.responsibilities, cur);
    const unchanged =
      wanted.length === cur.responsibilities.length &&
      wanted.every(
        (w, i) =>
          w.departmentId === cur.responsibilities[i].departmentId &&
          w.role === cur.responsibilities[i].role &&
          (w.note ?? null) === (cur.responsibilities[i].note ?? null) &&
          (w.noteEn ?? null) === (cur.responsibilities[i].noteEn ?? null),
      );
    if (!unchanged) patch.responsibilities = wanted.map(respInput);
  }
  if (row.indicatorIds) {
    const a = [...new Set(row.indicatorIds)].sort((x, y) => x - y);
    const b = [...cur.indicatorIds].sort((x, y) => x - y);
    if (!same(a, b)) patch.indicatorIds = a.map(String);
  }
  return patch;
}

/**
 * What the preview lists as changed, each value written as a file writes it: for a new row (cur
 * null) every value the file gives; for a stored one the fields of its patch.
 * `seqOf` turns linked indicator ids into their seqs; `notesColumn`: the file has 责任说明.
 */
export function itemChanges(columns: ColumnSpec[], row: ReadRow, cur: Current | null, patch: ItemData | undefined, opts: { seqOf: (ids: number[]) => number[]; notesColumn: boolean }): FieldChange[] {
  const col = (field: string) => columns.find((c) => c.field === field);
  const out: FieldChange[] = [];
  const fields = patch ? Object.keys(patch) : Object.keys(row.values).filter((f) => f !== 'planCode' && row.values[f] !== undefined);
  for (const field of fields) {
    if (field === 'responsibilities') continue;
    if (field === 'indicatorIds' || field === 'indicators') {
      const after = opts.seqOf(row.indicatorIds ?? []);
      out.push({ field: 'indicators', before: cur ? show(col('indicators'), opts.seqOf(cur.indicatorIds)) : null, after: show(col('indicators'), after) });
      continue;
    }
    const after = show(col(field), patch ? patch[field] : row.values[field]);
    const before = cur ? show(col(field), cur.values[field]) : null;
    if (!cur || before !== after) out.push({ field, before, after });
  }
  if (row.responsibilities && (!patch || patch.responsibilities)) {
    const wanted = wantedResponsibilities(row.responsibilities, cur);
    out.push({ field: 'responsibilities', before: cur ? show(col('responsibilities'), cur.responsibilities) || null : null, after: show(col('responsibilities'), wanted) || null });
    if (opts.notesColumn || wanted.some((w) => w.note)) {
      const before = cur ? show(col('responsibilityNotes'), cur.responsibilities) : null;
      const after = show(col('responsibilityNotes'), wanted);
      if (before !== after) out.push({ field: 'responsibilityNotes', before, after });
    }
  }
  return out;
}

/**
 * The fields of a department row that differ from the stored department (all of them for a new
 * one). Aliases compare as DepartmentService stores them: by normalised spelling, the name itself
 * left out, order and repeats ignored.
 */
export function departmentChanges(data: Record<string, unknown>, cur: Record<string, unknown> | null): string[] {
  if (!cur) return Object.keys(data);
  const differs = (k: string) => {
    if (k !== 'aliases') return !same(data[k], cur[k]);
    const key = (list: unknown) => {
      const m = new Map<string, string>();
      for (const a of (list as string[]) ?? []) if (normaliseName(a) && normaliseName(a) !== normaliseName(String(data.name ?? cur.name))) m.has(normaliseName(a)) || m.set(normaliseName(a), a);
      return JSON.stringify([...m.entries()].sort());
    };
    return key(data.aliases) !== key(cur.aliases);
  };
  return Object.keys(data).filter((k) => data[k] !== undefined && differs(k));
}

/**
 * A special target's milestones as the file asks for them, in seq order, compared with the stored
 * ones: null when the file does not set them or they are the same (values as the service keeps
 * them: texts trimmed, year 2020 and cumulative false where not given).
 */
export function milestonesWanted(read: Record<string, unknown>[] | undefined, cur: { milestones?: Required<MilestoneData>[] } | null): Required<MilestoneData>[] | null {
  if (read === undefined) return null;
  const wanted = read.map((m) => milestoneValues(m as unknown as MilestoneData)).sort((a, b) => a.seq - b.seq);
  return same(wanted, cur?.milestones ?? []) ? null : wanted;
}
