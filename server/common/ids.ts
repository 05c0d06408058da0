import { badInput } from '../errors';

/** GraphQL IDs are strings; rows have positive integer keys. */
export function parseId(id: string | number, field: string): number {
  const n = typeof id === 'number' ? id : /^\d{1,15}$/.test(id.trim()) ? Number(id) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw badInput(field, `"${id}" is not a row id`);
  return n;
}

/** Escapes a user's text for `like ? escape '\'`: % and _ are matched literally. */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
