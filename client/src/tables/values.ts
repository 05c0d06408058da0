import { enumKeys, enumLabel, parseEnum } from './enums';
import { formatDateTime, type Lang } from '../i18n';
import type { Department, FieldSpec, LinkRef, Responsibility } from './types';

import { readNumber, ValueError } from './rules';

export { ValueError };

const ROLE_WORDS: Record<string, 'LEAD' | 'SUPPORT'> = { 牵头: 'LEAD', 主责: 'LEAD', lead: 'LEAD', 配合: 'SUPPORT', 协办: 'SUPPORT', support: 'SUPPORT' };
const roleText = (role: string, lang: Lang) => enumLabel('ResponsibilityRole', role, lang);

/** A department's name in the UI's language: the English name in English, where there is one. */
export const departmentName = (d: { name: string; nameEn?: string | null }, lang: Lang): string => (lang === 'en' && d.nameEn?.trim() ? d.nameEn : d.name);

export function formatResponsibilities(list: Responsibility[] | null | undefined, lang: Lang): string {
  if (!list?.length) return '';
  const sep = lang === 'zh' ? '、' : ', ';
  return (['LEAD', 'SUPPORT'] as const)
    .map((role) => {
      const names = list.filter((r) => r.role === role).map((r) => r.department.name);
      return names.length ? `${roleText(role, lang)}${lang === 'zh' ? '：' : ': '}${names.join(sep)}` : '';
    })
    .filter(Boolean)
    .join(lang === 'zh' ? '；' : '; ');
}

export const linkTitle = (l: LinkRef) => l.title ?? l.name ?? '';
export const formatLinks = (list: LinkRef[] | null | undefined, lang: Lang) =>
  (list ?? []).map((l) => `${l.seq} ${linkTitle(l)}`).join(lang === 'zh' ? '；' : '; ');

const LIST_KINDS = new Set(['enumList', 'responsibilities', 'stringList', 'links']);

/** The text a cell shows, exports to CSV and copies: labels, not codes. */
export function formatValue(field: FieldSpec, value: unknown, lang: Lang): string {
  if (value == null) return '';
  // A list column given something else (text already formatted, a malformed row) shows it as text
  // rather than throwing: one odd value must not take the grid down.
  if (LIST_KINDS.has(field.kind) && !Array.isArray(value)) return typeof value === 'string' ? value : '';
  switch (field.kind) {
    case 'enum':
      return enumLabel(field.enumName!, value, lang);
    case 'enumList':
      return (value as string[]).map((v) => enumLabel(field.enumName!, v, lang)).join(lang === 'zh' ? '、' : ', ');
    case 'bool':
      return enumLabel('Boolean', String(value), lang);
    case 'responsibilities':
      return formatResponsibilities(value as Responsibility[], lang);
    case 'stringList':
      return (value as string[]).join(lang === 'zh' ? '；' : '; ');
    case 'links':
      return formatLinks(value as LinkRef[], lang);
    case 'datetime':
      return formatDateTime(value as string, lang);
    default:
      return String(value);
  }
}

/** The value a field takes in a patch or create input. */
export function toInput(field: FieldSpec, value: unknown): unknown {
  switch (field.kind) {
    case 'responsibilities':
      return ((value as Responsibility[] | null) ?? []).map((r) => {
        const out: Record<string, unknown> = { department: r.department.code || r.department.name, role: r.role };
        if (r.note) out.note = r.note;
        return out;
      });
    case 'links':
      return ((value as LinkRef[] | null) ?? []).map((l) => l.id);
    case 'text':
    case 'longText':
      if (value == null || (typeof value === 'string' && value.trim() === '' && field.nullable)) return null;
      return value;
    default:
      return value ?? null;
  }
}

export const sameInput = (field: FieldSpec, a: unknown, b: unknown) => JSON.stringify(toInput(field, a)) === JSON.stringify(toInput(field, b));

/** Looks a department up by canonical name, alias, code or English name. */
export function findDepartment(all: Department[], text: string): Department | undefined {
  const t = text.trim().toLowerCase();
  return all.find((d) => d.name.toLowerCase() === t || d.code === t || d.nameEn.toLowerCase() === t || d.aliases.some((a) => a.toLowerCase() === t));
}

/**
 * Reads a pasted or typed text into a cell value. Throws ValueError with a reason in `lang`.
 * `current` is the cell's value before (responsibility notes survive a paste of the same units).
 */
export function parseText(field: FieldSpec, raw: string, lang: Lang, ctx: { departments: Department[]; current?: unknown }): unknown {
  const text = raw.replace(/\r/g, '').trim();
  const zh = lang === 'zh';

  switch (field.kind) {
    case 'text':
    case 'longText':
      if (!text) return field.nullable ? null : '';
      if (field.maxLength && text.length > field.maxLength) throw new ValueError(zh ? `最多 ${field.maxLength} 个字，粘贴的有 ${text.length} 个` : `at most ${field.maxLength} characters, got ${text.length}`);
      return raw.replace(/\r/g, '').trim();
    case 'int':
    case 'year':
    case 'float':
      return readNumber(field, raw, lang);
    case 'enum': {
      const v = parseEnum(field.enumName!, text);
      if (v === undefined) throw new ValueError(zh ? `“${text}”不是可选值（${enumChoices(field, lang)}）` : `"${text}" is not one of ${enumChoices(field, lang)}`);
      return v;
    }
    case 'enumList': {
      if (!text) return [];
      const out: string[] = [];
      for (const part of text.split(/[、,，;；/\n]+/).map((p) => p.trim()).filter(Boolean)) {
        const v = parseEnum(field.enumName!, part);
        if (v === undefined) throw new ValueError(zh ? `“${part}”不是可选值（${enumChoices(field, lang)}）` : `"${part}" is not one of ${enumChoices(field, lang)}`);
        if (!out.includes(v)) out.push(v);
      }
      return out;
    }
    case 'bool': {
      const v = parseEnum('Boolean', text || 'false');
      if (v === undefined) throw new ValueError(zh ? `“${text}”应为“是”或“否”` : `"${text}" should be Yes or No`);
      return v === 'true';
    }
    case 'stringList':
      return text ? text.split(/[;；\n]+/).map((s) => s.trim()).filter(Boolean) : [];
    case 'responsibilities':
      return parseResponsibilities(text, lang, ctx.departments, (ctx.current as Responsibility[] | undefined) ?? []);
    case 'links':
      throw new ValueError(zh ? '关联列不能粘贴：请双击单元格，在编辑器中勾选' : 'links cannot be pasted: double-click the cell and tick them in the editor');
    default:
      throw new ValueError(zh ? '此列只读' : 'this column is read-only');
  }
}

const enumChoices = (field: FieldSpec, lang: Lang) =>
  enumKeys(field.enumName!).map((k) => enumLabel(field.enumName!, k, lang)).join(lang === 'zh' ? '、' : ', ');

/**
 * Reads "牵头：区发改局；配合：区科技局、住建" (the format cells show and copy), "Lead: …; Support: …",
 * "区发改局（牵头）、区科技局（配合）", or a bare list whose first unit leads and the rest support.
 */
export function parseResponsibilities(text: string, lang: Lang, departments: Department[], current: Responsibility[]): Responsibility[] {
  if (!text) return [];
  const out: Responsibility[] = [];
  const add = (name: string, role: 'LEAD' | 'SUPPORT') => {
    const n = name.trim();
    if (!n) return;
    const known = findDepartment(departments, n);
    const department: Department = known ?? { id: '', code: '', name: n, nameEn: '', aliases: [] };
    if (out.some((r) => (r.department.id && r.department.id === department.id) || r.department.name === department.name)) return;
    const before = current.find((r) => r.role === role && ((known && r.department.id === known.id) || r.department.name === n));
    out.push({ role, note: before?.note ?? null, department });
  };
  for (const segment of text.split(/[；;\n]+/)) {
    const labelled = /^\s*(牵头|主责|配合|协办|lead|support)\s*[:：]\s*(.*)$/i.exec(segment);
    if (labelled) {
      const role = ROLE_WORDS[labelled[1].toLowerCase()];
      for (const name of labelled[2].split(/[、,，]+/)) add(name, role);
      continue;
    }
    for (const part of segment.split(/[、,，]+/)) {
      const m = /^(.*?)\s*[（(]\s*(牵头|主责|配合|协办|lead|support)\s*[)）]\s*$/i.exec(part.trim());
      if (m) add(m[1], ROLE_WORDS[m[2].toLowerCase()]);
      else add(part, out.some((r) => r.role === 'LEAD') ? 'SUPPORT' : 'LEAD');
    }
  }
  if (!out.length) throw new ValueError(lang === 'zh' ? '没有读到任何单位' : 'no unit found');
  return out;
}
