import type { Lang } from '../i18n';
import type { Row, TableSpec } from '../tables/types';
import type { EditController } from './controller';
import type { SessionUser } from '../api/session';

/** What cell renderers, editors and class rules read through AG Grid's `context`. */
export interface GridContext {
  spec: TableSpec;
  lang: Lang;
  /** Who is signed in: cells they may not change look read-only (the server still decides). */
  user: SessionUser | null | undefined;
  controller: EditController;
  openRow(row: Row): void;
}
