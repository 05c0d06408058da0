// The one rule for control characters in text the hub is sent, for every argument and input field
// of the GraphQL schema (and the CLI and restore paths, which use the same input types):
//
// - single-line text (names, units, codes, titles, usernames, filters, search, ids…): no control
//   character at all: C0 (U+0000–U+001F, NUL and TAB included), DEL (U+007F) and C1 (U+0080–U+009F);
// - free text, marked with @FreeText() (problems, measures, contents, notes, file contents): TAB, LF
//   and CR inside the text are stored and read back exactly as sent (the services trim blanks around
//   a text, as for every field); every other control character (NUL included) is refused.
//
// A refusal is BAD_USER_INPUT naming the field (e.g. `patch.name`). server/schema.ts applies the rule
// to every argument of every field before the resolver runs, and appends it to each text field's
// description in the printed schema, so the documentation cannot drift from what is enforced.
import { Extensions } from 'type-graphql';
import {
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

/** Any C0 or C1 control character, or DEL. */
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f]/;
/** The same but TAB, LF and CR. */
const FREE_TEXT_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

const TEXT_EXTENSION = 'text';
const TEXT_SCALARS = new Set(['String', 'ID']);

export const SINGLE_LINE_RULE = 'Text fields are single-line: control characters (U+0000–U+001F, U+007F–U+009F; NUL, TAB and line breaks included) are refused, as in every text argument.';
const SINGLE_LINE_RULE_EXCEPT_FREE = 'Text fields other than free text are single-line: control characters (U+0000–U+001F, U+007F–U+009F; NUL, TAB and line breaks included) are refused, as in every text argument.';
export const FREE_TEXT_RULE = 'Free text: TAB, LF and CR inside it are kept exactly as sent (blanks around it are trimmed); other control characters (NUL included) are refused.';

/** Free-text properties by input class prototype, for paths that check plain data by class (the importer). */
const freeTextProperties = new WeakMap<object, Set<string>>();

/** Marks a String input field as free text (may hold TAB, LF, CR; never NUL or other controls). */
export const FreeText = (): PropertyDecorator => (target, key) => {
  (Extensions({ [TEXT_EXTENSION]: 'free' }) as PropertyDecorator)(target, key);
  const keys = freeTextProperties.get(target) ?? new Set<string>();
  keys.add(String(key));
  freeTextProperties.set(target, keys);
};

function isFreeTextProperty(cls: Function, key: string): boolean {
  for (let proto = cls.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    if (freeTextProperties.get(proto)?.has(key)) return true;
  }
  return false;
}

/**
 * The same rule on plain data checked against an input class (the importer's rows), for strings,
 * lists of strings and nested input lists (`nested`: property → item class).
 */
export function findClassTextProblem(cls: Function, data: Record<string, unknown>, nested: Record<string, Function> = {}, prefix = ''): TextProblem | null {
  for (const [key, value] of Object.entries(data)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const free = isFreeTextProperty(cls, key);
    const items = Array.isArray(value) ? value : [value];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const at = Array.isArray(value) ? `${path}[${i}]` : path;
      if (typeof item === 'string') {
        const message = textProblem(item, free);
        if (message) return { field: at, message };
      } else if (item && typeof item === 'object' && nested[key]) {
        const p = findClassTextProblem(nested[key], item as Record<string, unknown>, {}, at);
        if (p) return p;
      }
    }
  }
  return null;
}

export interface TextProblem {
  field: string;
  message: string;
}

function codePoint(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** What is wrong with one text value, or null. */
export function textProblem(value: string, freeText: boolean): string | null {
  const m = (freeText ? FREE_TEXT_FORBIDDEN : SINGLE_LINE_FORBIDDEN).exec(value);
  if (!m) return null;
  const what = m[0] === '\u0000' ? 'NUL' : codePoint(m[0]);
  return freeText
    ? `must not contain control characters other than TAB, LF and CR (found ${what} at position ${m.index + 1})`
    : `must not contain control characters, line breaks or tabs (found ${what} at position ${m.index + 1})`;
}

const isFreeText = (field: GraphQLInputField | GraphQLArgument) => field.extensions?.[TEXT_EXTENSION] === 'free';

/**
 * Walks a coerced value of a GraphQL input type and returns the first text that breaks the rule,
 * named by its path (`input.responsibilities[0].note`). Values of the wrong shape are left to the
 * other checks.
 */
export function findTextProblem(type: GraphQLInputType, value: unknown, path: string, freeText = false): TextProblem | null {
  if (value == null) return null;
  if (isNonNullType(type)) return findTextProblem(type.ofType, value, path, freeText);
  if (isListType(type)) {
    if (!Array.isArray(value)) return findTextProblem(type.ofType, value, path, freeText);
    for (let i = 0; i < value.length; i++) {
      const p = findTextProblem(type.ofType, value[i], `${path}[${i}]`, freeText);
      if (p) return p;
    }
    return null;
  }
  if (isScalarType(type)) {
    if (!TEXT_SCALARS.has(type.name) || typeof value !== 'string') return null;
    const message = textProblem(value, freeText);
    return message ? { field: path, message } : null;
  }
  if (isInputObjectType(type) && typeof value === 'object') {
    const fields = type.getFields();
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const f = fields[key];
      if (!f) continue;
      const p = findTextProblem(f.type, v, path ? `${path}.${key}` : key, isFreeText(f));
      if (p) return p;
    }
  }
  return null;
}

/** The same for all arguments of a field, as graphql-js hands them to a resolver. */
export function findArgumentTextProblem(args: readonly GraphQLArgument[], values: Record<string, unknown>): TextProblem | null {
  for (const a of args) {
    const p = findTextProblem(a.type, values[a.name], a.name, isFreeText(a));
    if (p) return p;
  }
  return null;
}

/**
 * Writes the rule into the printed schema: each free-text field's description says what it keeps,
 * and each input type with text fields says that the others are single-line.
 */
export function describeTextRules(schema: GraphQLSchema): GraphQLSchema {
  const append = (o: { description?: string | null }, rule: string) => {
    const base = o.description?.trim();
    if (base?.includes(rule)) return;
    o.description = base ? `${base}${/[.。)]$/.test(base) ? '' : '.'} ${rule}` : rule;
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !isInputObjectType(type)) continue;
    const texts = Object.values(type.getFields()).filter((f) => {
      const named = getNamedType(f.type);
      return isScalarType(named) && named.name === 'String';
    });
    for (const f of texts) if (isFreeText(f)) append(f, FREE_TEXT_RULE);
    if (texts.some((f) => !isFreeText(f))) append(type, texts.some(isFreeText) ? SINGLE_LINE_RULE_EXCEPT_FREE : SINGLE_LINE_RULE);
  }
  return schema;
}
