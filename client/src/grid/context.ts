import type { Lang } from '../i18n';
import type { Row, TableSpec } from '../tables/types';
import type { EditController } from './controller';

/** What cell renderers, editors and class rules read through AG Grid's `context`. */
export interface GridContext {
  spec: TableSpec;
  lang: Lang;
  controller: EditController;
  openRow(row: Row): void;
}
