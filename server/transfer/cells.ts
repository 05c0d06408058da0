import { enumChoices, enumLabel, enumValue, ENUMS } from './labels';
import type { CellKind } from './tables';

/**
 * Cells: what a file's cell means for a column (import), and how a value is written (export).
 * A cell arrives as CSV text, a JSON value, or an exceljs value (number, Date, rich text, formula…).
 */

/** A refused cell: the reason, in words a spreadsheet user understands. */
export class CellError extends Error {
  constructor(
    readonly reason: string,
    readonly extra: { suggestions?: string[] } = {},
  ) {
    super(reason);
  }
}

/** Responsibility as a cell names it, before the department is looked up. */
export interface ResponsibilityCell {
  department: string;
  role: string;
  note?: string | null;
  /** JSON only: the note in English (spreadsheets carry the Chinese note alone). */
  noteEn?: string | null;
}
export interface NoteCell {
  department: string;
  note: string;
}

// CSV injection: a cell a spreadsheet would run as a formula. Exports put ' in front (what Excel itself
// does for text that looks like a formula); imports take one ' off again, so every value round-trips.
const FORMULA_START = /^'*[=+\-@\t\r]/;

export function guardCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function unguardCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text) ? text.slice(1) : text;
}

/** The cell as text for messages and previews, cut at `max`. */
export function displayCell(raw: unknown, max = 200): string | null {
  if (raw == null || raw === '') return null;
  let s: string;
  if (typeof raw === 'string') s = raw;
  else if (raw instanceof Date) s = Number.isNaN(raw.getTime()) ? String(raw) : raw.toISOString();
  else if (typeof raw === 'object') {
    const o = raw as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) s = `=${o.formula || o.sharedFormula || ''}`;
    else if ('richText' in o) s = (o.richText as { text: string }[]).map((r) => r.text).join('');
    else if ('text' in o) s = String(o.text);
    else if ('error' in o) s = String(o.error);
    else s = JSON.stringify(raw);
  } else s = String(raw);
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/**
 * A scalar cell as text; refuses what a spreadsheet put there instead of a typed value. Text from
 * a spreadsheet (CSV, XLSX) loses the ' its export put before a formula-looking value; JSON text stays as is.
 */
function cellText(raw: unknown, kind: CellKind['type'], spreadsheet: boolean): string {
  if (raw == null) return '';
  if (typeof raw === 'string') return spreadsheet ? unguardCell(raw) : raw;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) throw new CellError('not a number Excel can store');
    return String(raw);
  }
  if (typeof raw === 'boolean') return raw ? 'true' : 'false';
  if (raw instanceof Date) {
    if (kind === 'date' && !Number.isNaN(raw.getTime())) return raw.toISOString().slice(0, 10);
    throw new CellError('a date where text is expected: Excel turned the cell into a date; format the column as Text and type the value again');
  }
  if (typeof raw === 'object' && !Array.isArray(raw)) {
    const o = raw as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) throw new CellError(`a formula (=${o.formula || o.sharedFormula || '…'}) where a value is expected; paste the values only (Paste Special → Values)`);
    if ('error' in o) throw new CellError(`an Excel error value ${String(o.error)}`);
    if ('richText' in o && Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
    if ('text' in o && typeof o.text === 'string') return o.text;
  }
  throw new CellError(`expected ${kind === 'int' || kind === 'float' ? 'a number' : 'text'}, got ${JSON.stringify(raw).slice(0, 60)}`);
}

const normalise = (s: string) => s.normalize('NFKC').trim();

const INT = /^[+-]?\d+(?:\.0+)?$/;
const FLOAT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const TRUE = new Set(['是', 'true', 'yes', 'y', '1', '√', '✓', '✔', '对']);
const FALSE = new Set(['否', 'false', 'no', 'n', '0', '×', '✗', '✘', '错']);
const ROLE_SEP = /\s*[:：]\s*/;
const ITEM_SEP = /\s*[;；\n]\s*/;
const ENUM_SEP = /\s*[;；,，、\n]\s*/;
const SEQ_SEP = /[\s;；,，、]+/;
const UNIT_SEP = /\s*[、,，]\s*/;
/** One linked row as the grid writes it: its seq, then its title (1 地区生产总值). */
const SEQ_WITH_TITLE = /^(\d{1,6})(?:\s+\S.*)?$/s;

/** Blank: nothing, or only spaces. */
export function isBlank(raw: unknown): boolean {
  if (raw == null) return true;
  if (typeof raw === 'string') return raw.trim() === '';
  if (Array.isArray(raw)) return false;
  return false;
}

/**
 * What a cell means for a column. An int that is not one is passed on as its text, so the input
 * class's own rule (e.g. "seq must be a positive integer") reports it; other refusals throw CellError.
 * Blank cells: null for nullable columns, else undefined (the caller decides).
 */
export function readCell(kind: CellKind, raw: unknown, nullable = false, spreadsheet = true): unknown {
  if (isBlank(raw)) {
    if (nullable) return null;
    switch (kind.type) {
      case 'bool':
        return false;
      case 'enumList':
      case 'textList':
      case 'seqList':
      case 'responsibilities':
      case 'notes':
        return [];
      case 'text':
        return '';
      default:
        return undefined;
    }
  }
  switch (kind.type) {
    case 'text':
    case 'planCode':
      return cellText(raw, 'text', spreadsheet);
    case 'date':
      return normalise(cellText(raw, 'date', spreadsheet));
    case 'int': {
      if (typeof raw === 'number') return raw;
      const t = normalise(cellText(raw, 'int', spreadsheet));
      return INT.test(t) ? Number(t) : t;
    }
    case 'float': {
      if (typeof raw === 'number') return raw;
      const t = normalise(cellText(raw, 'float', spreadsheet)).replace(/%$/, '').replace(/(\d),(?=\d{3}\b)/g, '$1');
      if (!FLOAT.test(t)) throw new CellError(`expected a number, got "${t}"`);
      return Number(t);
    }
    case 'bool': {
      if (typeof raw === 'boolean') return raw;
      const t = normalise(cellText(raw, 'text', spreadsheet)).toLowerCase();
      if (TRUE.has(t)) return true;
      if (FALSE.has(t)) return false;
      throw new CellError(`expected 是 or 否 (true/false), got "${t}"`);
    }
    case 'enum': {
      const t = cellText(raw, 'text', spreadsheet);
      const v = enumValue(kind.enum, t);
      if (!v) throw new CellError(`unknown value "${t.trim()}"; use ${enumChoices(kind.enum)}`);
      return v;
    }
    case 'enumList': {
      const items = Array.isArray(raw) ? raw.map((x) => cellText(x, 'text', spreadsheet)) : cellText(raw, 'text', spreadsheet).split(ENUM_SEP);
      const out: string[] = [];
      for (const item of items.map((s) => s.trim()).filter(Boolean)) {
        const v = enumValue(kind.enum, item);
        if (!v) throw new CellError(`unknown value "${item}"; use ${enumChoices(kind.enum)}`);
        if (!out.includes(v)) out.push(v);
      }
      return out;
    }
    case 'textList': {
      const items = Array.isArray(raw) ? raw.map((x) => cellText(x, 'text', spreadsheet)) : cellText(raw, 'text', spreadsheet).split(ITEM_SEP);
      return items.map((s) => s.trim()).filter(Boolean);
    }
    case 'seqList': {
      const text = Array.isArray(raw) ? '' : normalise(cellText(raw, 'text', spreadsheet));
      // "1 地区生产总值；2 服务业增加值占比" (the grid's CSV): seq and title per item, items split by ；/;/lines.
      const titled = !Array.isArray(raw) && /[^\d\s;；,，、]/.test(text);
      const items = Array.isArray(raw)
        ? raw.map((x) => (typeof x === 'number' ? String(x) : cellText(x, 'int', spreadsheet)))
        : titled
          ? text.split(/\s*[;；\n]\s*/).map((item) => SEQ_WITH_TITLE.exec(item.trim())?.[1] ?? item)
          : text.split(SEQ_SEP);
      const out: number[] = [];
      for (const item of items.map((s) => s.trim()).filter(Boolean)) {
        if (!/^\d{1,6}$/.test(item)) throw new CellError(`"${item}" is not a row number (seq); list them like 1; 3; 5`);
        if (!out.includes(Number(item))) out.push(Number(item));
      }
      return out;
    }
    case 'responsibilities':
      return readResponsibilities(raw, spreadsheet);
    case 'notes':
      return readNotes(raw, spreadsheet);
    case 'milestones':
      return readMilestones(raw, spreadsheet);
  }
}

/** A milestone as a JSON file gives it, before the input rules (MilestoneFields) check its values. */
export type MilestoneCell = Record<string, unknown>;

/** JSON only: a list of { seq, text, name, value, unit, year, cumulative } objects. */
function readMilestones(raw: unknown, spreadsheet: boolean): MilestoneCell[] {
  if (spreadsheet) throw new CellError('milestones travel in JSON files only (the whole plan or the special targets as JSON); leave this column out of a spreadsheet');
  if (!Array.isArray(raw)) throw new CellError('expected a list of milestones, like [{ "seq": 1, "text": "…", "name": "…", "value": 150, "unit": "家", "year": 2020, "cumulative": false }]');
  return raw.map((item, i) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) throw new CellError(`milestone ${i + 1} should be an object { "seq": …, "text": …, "name": …, "value": …, "unit": … }`);
    const unknown = Object.keys(item).filter((k) => !MILESTONE_KEYS.has(k));
    if (unknown.length) throw new CellError(`milestone ${i + 1}: unknown key${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; a milestone has ${[...MILESTONE_KEYS].join(', ')}`);
    return { ...(item as MilestoneCell) };
  });
}
const MILESTONE_KEYS = new Set(['seq', 'text', 'name', 'value', 'unit', 'year', 'cumulative']);

/** "区住建局:牵头; 区环保局:配合" (or LEAD/SUPPORT, full-width ：；, one per line), or a JSON list of { department, role, note }. */
function readResponsibilities(raw: unknown, spreadsheet: boolean): ResponsibilityCell[] {
  if (Array.isArray(raw)) {
    return raw.map((item, i) => {
      if (!item || typeof item !== 'object') throw new CellError(`item ${i + 1} should be { "department": …, "role": "LEAD" | "SUPPORT" }`);
      const o = item as Record<string, unknown>;
      const role = typeof o.role === 'string' ? enumValue(ENUMS.role, o.role) : null;
      if (typeof o.department !== 'string' || !o.department.trim()) throw new CellError(`item ${i + 1} has no department`);
      if (!role) throw new CellError(`item ${i + 1} (${o.department}): unknown role "${String(o.role ?? '')}"; use ${enumChoices(ENUMS.role)}`);
      const note = o.note ?? o.reason;
      if (note != null && typeof note !== 'string') throw new CellError(`item ${i + 1} (${o.department}): note must be text`);
      if (o.noteEn != null && typeof o.noteEn !== 'string') throw new CellError(`item ${i + 1} (${o.department}): noteEn must be text`);
      const out: ResponsibilityCell = { department: o.department, role, note: note === undefined ? undefined : (note as string | null) };
      if (o.noteEn !== undefined) out.noteEn = (o.noteEn as string | null) ?? null;
      return out;
    });
  }
  const out: ResponsibilityCell[] = [];
  for (const part of cellText(raw, 'text', spreadsheet).split(ITEM_SEP).filter((s) => s.trim())) {
    const [name, roleText, ...rest] = part.split(ROLE_SEP);
    // As the grid shows and copies it: the role first, then its units (牵头：区发改局、区科技局；配合：区住建局).
    const roleFirst = roleText !== undefined && !rest.length ? enumValue(ENUMS.role, name) : null;
    if (roleFirst) {
      for (const unit of roleText.split(UNIT_SEP).map((u) => u.trim()).filter(Boolean)) out.push({ department: unit, role: roleFirst });
      continue;
    }
    if (roleText === undefined || rest.length) throw new CellError(`"${part.trim()}" should be a department and its role, like 区住建局:牵头 or 区环保局:配合`);
    const role = enumValue(ENUMS.role, roleText);
    if (!role) throw new CellError(`"${part.trim()}": unknown role "${roleText}"; use ${enumChoices(ENUMS.role)}`);
    out.push({ department: name.trim(), role });
  }
  return out;
}

/** One line per department: "区发改局: why it leads". A line without a known prefix continues the note above. */
function readNotes(raw: unknown, spreadsheet: boolean): NoteCell[] {
  const out: NoteCell[] = [];
  for (const line of cellText(raw, 'text', spreadsheet).split(/\r?\n/)) {
    const m = /^\s*([^:：\n]{1,200}?)\s*[:：]\s?(.*)$/.exec(line);
    if (m) out.push({ department: m[1], note: m[2] });
    else if (out.length) out[out.length - 1].note += `\n${line}`;
    else if (line.trim()) throw new CellError(`"${line.trim().slice(0, 40)}" should start with a department, like 区发改局: 说明`);
  }
  return out;
}

/** How exports write a value in CSV and XLSX: labels for enums, 是/否, lists joined by "; ". */
export function writeCell(kind: CellKind, value: unknown): string | number {
  if (value == null) return '';
  switch (kind.type) {
    case 'int':
    case 'float':
      return value as number;
    case 'bool':
      return value ? '是' : '否';
    case 'enum':
      return enumLabel(kind.enum, value as string);
    case 'enumList':
      return (value as string[]).map((v) => enumLabel(kind.enum, v)).join('、');
    case 'textList':
      return guardCell((value as string[]).join('; '));
    case 'seqList':
      return (value as number[]).join('; ');
    case 'responsibilities':
      return guardCell((value as { department: string; role: string }[]).map((r) => `${r.department}:${enumLabel(ENUMS.role, r.role)}`).join('; '));
    case 'notes':
      return guardCell(
        (value as { department: string; note: string | null }[])
          .filter((r) => r.note)
          .map((r) => `${r.department}: ${r.note}`)
          .join('\n'),
      );
    case 'milestones':
      // Previews only (spreadsheets do not carry milestones): one line each, 1. 上市(挂牌)企业总数 150 家 (2020, 累计).
      return (value as MilestoneCell[]).map((m) => `${m.seq}. ${m.name} ${m.value} ${m.unit} (${m.year ?? 2020}${m.cumulative ? ', 累计' : ''}): ${m.text}`).join('\n');
    default:
      return guardCell(String(value));
  }
}
