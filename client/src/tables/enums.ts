import type { Lang, Text } from '../i18n';
import { ENUMS as DESCRIBED } from './descriptors.generated';

/** An enum's words: each value's label in both languages, and older words still read (synonyms). */
export type EnumDef = Record<string, Text & { readonly synonyms?: readonly string[] }>;

/** Every enum of the schema with its labels: the descriptors' words (generated), the ones files use too. */
export const ENUMS = DESCRIBED;

export type EnumName = keyof typeof ENUMS;

export function enumLabel(name: EnumName, value: unknown, lang: Lang): string {
  if (value == null || value === '') return '';
  const def: EnumDef = ENUMS[name];
  return def[String(value)]?.[lang] ?? String(value);
}

/**
 * Reads a value as typed or pasted: the key (BINDING), or its label in either language (约束性,
 * binding). Returns undefined when nothing matches.
 */
export function parseEnum(name: EnumName, text: string): string | undefined {
  const t = text.trim().toLowerCase();
  if (!t) return undefined;
  const def: EnumDef = ENUMS[name];
  for (const [key, label] of Object.entries(def)) {
    if (key.toLowerCase() === t || label.zh.toLowerCase() === t || label.en.toLowerCase() === t) return key;
    if (label.synonyms?.some((w) => w.toLowerCase() === t)) return key;
  }
  if (name === 'Boolean') {
    if (['y', 'yes', '1', '√', '✓', 'true', '是', '对'].includes(t)) return 'true';
    if (['n', 'no', '0', '×', '✗', 'false', '否', '不'].includes(t)) return 'false';
  }
  return undefined;
}

export const enumKeys = (name: EnumName) => Object.keys(ENUMS[name]);
