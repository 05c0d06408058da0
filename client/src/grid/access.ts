import { GRID_TEXT, type Text } from '../i18n';
import type { SessionUser } from '../api/session';
import type { TableSpec } from '../tables/types';

export interface GridAccess {
  /** Some cells of this table may be changed (editors: their department's rows). */
  edit: boolean;
  /** Rows may be added and deleted: the evaluation office (ADMIN) only. */
  rows: boolean;
  /** The one hint the status bar shows. */
  hint: Text;
}

/**
 * What the grid offers the user, as README's permission table says: anonymous readers and VIEWERs
 * read only; an EDITOR changes the fields of their department's rows (not departments, not rows'
 * existence); ADMIN everything. The server decides; this keeps the grid from inviting what it refuses.
 */
export function gridAccess(user: SessionUser | null | undefined, spec: TableSpec): GridAccess {
  if (!user) return { edit: false, rows: false, hint: GRID_TEXT.signInToEdit };
  if (user.role === 'ADMIN') return { edit: true, rows: true, hint: GRID_TEXT.howToEdit };
  if (user.role === 'VIEWER') return { edit: false, rows: false, hint: GRID_TEXT.viewerReadOnly };
  if (spec.key === 'departments') return { edit: false, rows: false, hint: GRID_TEXT.editorNoDepartments };
  return { edit: true, rows: false, hint: GRID_TEXT.editorOwnRows };
}
