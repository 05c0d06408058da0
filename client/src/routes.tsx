import type { ReactNode } from 'react';
import type { Text } from './i18n';
import { TABLES } from './tables/specs';
import { DataGrid } from './grid/DataGrid';
import { DepartmentPage } from './pages/DepartmentPage';

export interface Route {
  path: string;
  /** Shown in the top navigation when set. */
  nav?: Text;
  render(): ReactNode;
}

/**
 * Every page of the app, in navigation order. Accounts (issue 4) add their pages here — a
 * `/login` route without `nav`, and a guard in App that sends writes without a session there —
 * and a row's history goes into grid/RowPanel.tsx.
 */
export const ROUTES: Route[] = [
  ...TABLES.map((spec) => ({ path: spec.path, nav: spec.label, render: () => <DataGrid key={spec.key} spec={spec} /> })),
  { path: '/department', nav: { zh: '部门查询', en: 'Department lookup' }, render: () => <DepartmentPage /> },
];

export const HOME = '/indicators';
