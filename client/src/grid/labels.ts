import type { Lang } from '../i18n';
import type { FieldSpec, Row, TableSpec } from '../tables/types';

/** How a row is named in messages: its number in the plan, or a department's name. */
export function rowLabel(spec: TableSpec, row: Row | null | undefined, lang: Lang): string {
  if (!row) return '';
  if (spec.key === 'departments') return row.name;
  return lang === 'zh' ? `序号 ${row.seq}` : `No. ${row.seq}`;
}

export const cellLabel = (spec: TableSpec, row: Row | null | undefined, field: FieldSpec, lang: Lang) =>
  lang === 'zh' ? `${rowLabel(spec, row, lang)}「${field.label.zh}」` : `${rowLabel(spec, row, lang)} · ${field.label.en}`;

/** Shortens what the user typed for a message. */
export const quote = (text: string, lang: Lang) => {
  const t = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return lang === 'zh' ? `“${t}”` : `"${t}"`;
};
