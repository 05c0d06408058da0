import type { ReactNode } from 'react';
import type { Text } from './i18n';
import { TABLES } from './tables/specs';
import { DataGrid } from './grid/DataGrid';
import { DepartmentPage } from './pages/DepartmentPage';
import { ImportPage } from './pages/ImportPage';
import { LoginPage } from './auth/Login';

export interface Route {
  path: string;
  /** Shown in the top navigation when set. */
  nav?: Text;
  render(): ReactNode;
}

/**
 * Every page of the app, in navigation order; `/login` has no tab. Writes refused for want of a
 * session open the sign-in dialog in place (auth/Login.tsx), so the page is not lost.
 */
export const ROUTES: Route[] = [
  ...TABLES.map((spec) => ({ path: spec.path, nav: spec.label, render: () => <DataGrid key={spec.key} spec={spec} /> })),
  { path: '/department', nav: { zh: '部门查询', en: 'Department lookup' }, render: () => <DepartmentPage /> },
  { path: '/import', nav: { zh: '导入 / 导出', en: 'Import / export' }, render: () => <ImportPage /> },
  { path: '/login', render: () => <LoginPage /> },
];

export const HOME = '/indicators';
