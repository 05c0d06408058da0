import type { Lang } from '../i18n';
import type { FieldSpec } from './types';
import { numberRuleOf, type NumberRule } from '../../../schema/common/number-rules';

/**
 * The field rules a person meets (required, whole number, number, bounds) and their words, in one
 * place for the grid's editors, its paste and the add-row form. The bounds are the server's own
 * (schema/common/number-rules.ts): what the grid lets through the server takes, and the other way round.
 */
/** A value that cannot be read, with the reason in the user's language. */
export class ValueError extends Error {}

const say = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

export const RULE_WORDS = {
  required: (lang: Lang) => say(lang, '不能为空', 'must not be empty'),
  notInteger: (text: string, lang: Lang) => say(lang, `“${text}”不是整数`, `"${text}" is not a whole number`),
  notNumber: (text: string, lang: Lang) => say(lang, `“${text}”不是数字`, `"${text}" is not a number`),
  outOfRange: (rule: NumberRule, lang: Lang) =>
    rule.integer
      ? say(lang, `应为 ${fmt(rule.min)}–${fmt(rule.max)} 之间的整数`, `must be a whole number from ${fmt(rule.min)} to ${fmt(rule.max)}`)
      : say(lang, `应为 ${fmt(rule.min)} 到 ${fmt(rule.max)} 之间的数字`, `must be a number from ${fmt(rule.min)} to ${fmt(rule.max)}`),
};

const fmt = (n: number) => (Math.abs(n) >= 1e6 ? n.toExponential().replace('e+', 'e') : String(n));

/**
 * Folds how numbers get typed on a Chinese keyboard or pasted from Word: full-width digits, signs
 * and points (１２．５, －３), the minus sign (−), thousands separators and spaces.
 */
export function normaliseNumberText(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\u2212\u2012\u2013\u2014\ufe63]/g, '-')
    .replace(/[。]/g, '.')
    .replace(/[,，\s]/g, '');
}

export const isNumberKind = (f: FieldSpec): f is FieldSpec & { kind: 'int' | 'year' | 'float' } => f.kind === 'int' || f.kind === 'year' || f.kind === 'float';

export const numberRule = (f: FieldSpec) => numberRuleOf(f.name, f.kind as 'int' | 'year' | 'float');

/**
 * Reads a typed or pasted number for a numeric field: null for an empty optional one; throws
 * ValueError with the reason in `lang` for anything else that is not a number within its bounds.
 */
export function readNumber(f: FieldSpec, raw: string, lang: Lang): number | null {
  const shown = raw.trim();
  const text = normaliseNumberText(raw);
  if (!text) {
    if (f.nullable) return null;
    throw new ValueError(RULE_WORDS.required(lang));
  }
  const rule = numberRule(f);
  if (rule.integer) {
    if (!/^[+-]?\d+$/.test(text)) throw new ValueError(RULE_WORDS.notInteger(shown, lang));
  } else if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) {
    throw new ValueError(RULE_WORDS.notNumber(shown, lang));
  }
  const n = Number(text);
  if (!Number.isFinite(n)) throw new ValueError(RULE_WORDS.notNumber(shown, lang));
  if (n < rule.min || n > rule.max) throw new ValueError(RULE_WORDS.outOfRange(rule, lang));
  return n;
}

/** The one word for a missing value, in the grid, the form and the server's refusals. */
export const requiredWords = RULE_WORDS.required;
