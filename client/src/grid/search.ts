import { GRID_TEXT, type Text } from '../i18n';
import type { TableSpec } from '../tables/types';

/**
 * What the quick search box says it looks in. The paged indicators table searches on the server
 * (name, measurement unit, target and the responsible units); the others filter every column in
 * the browser, responsible units included (their names and aliases).
 */
export function searchPlaceholder(spec: TableSpec): Text {
  if (spec.rowModel === 'infinite') return GRID_TEXT.searchIndicators;
  if (spec.key === 'departments') return GRID_TEXT.searchDepartments;
  return GRID_TEXT.searchAll;
}
