import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { useI18n, type Text } from './i18n';
import { TABLES } from './tables/specs';
import { LoginPage } from './auth/Login';

export interface Route {
  path: string;
  /** Shown in the top navigation when set. */
  nav?: Text;
  /** The menu of the top navigation it is listed in (NAV_GROUPS); a tab of its own when absent. */
  group?: NavGroup;
  render(): ReactNode;
}

/** Menus of the top navigation: the pages that run the plan, and the public's. */
export type NavGroup = 'run' | 'public';
export const NAV_GROUPS: Record<NavGroup, Text> = {
  run: { zh: '考核运行', en: 'Assessment' },
  public: { zh: '公众监督', en: 'Public' },
};

/**
 * Each page is its own chunk, loaded when first opened: the entry holds the shell (header,
 * router, Apollo, sign-in) and the first grid appears as soon as AG Grid's chunk is in.
 */
const DataGrid = lazy(async () => {
  const [{ registerGridModules }, grid] = await Promise.all([import('./grid/modules'), import('./grid/DataGrid')]);
  // Once, before any grid: without its modules a feature silently disappears (console error #200).
  registerGridModules();
  return { default: grid.DataGrid };
});
const DepartmentPage = lazyPage(() => import('./pages/DepartmentPage').then((m) => m.DepartmentPage));
const ImportPage = lazyPage(() => import('./pages/ImportPage').then((m) => m.ImportPage));
const YearTargetsPage = lazyPage(async () => {
  const [{ registerGridModules }, m] = await Promise.all([import('./grid/modules'), import('./pages/year-targets/YearTargetsPage')]);
  registerGridModules();
  return m.YearTargetsPage;
});
const LedgerPage = lazyPage(async () => {
  const [{ registerGridModules }, m] = await Promise.all([import('./grid/modules'), import('./pages/ledger/LedgerPage')]);
  registerGridModules();
  return m.LedgerPage;
});
const BulletinsPage = lazyPage(() => import('./pages/bulletins/BulletinsPage').then((m) => m.BulletinsPage));
const EvaluationsPage = lazyPage(async () => {
  const [{ registerGridModules }, m] = await Promise.all([import('./grid/modules'), import('./pages/evaluations/EvaluationsPage')]);
  registerGridModules();
  return m.EvaluationsPage;
});
const ScoresPage = lazyPage(async () => {
  const [{ registerGridModules }, m] = await Promise.all([import('./grid/modules'), import('./pages/scores/ScoresPage')]);
  registerGridModules();
  return m.ScoresPage;
});
const BoardPage = lazyPage(() => import('./pages/board/BoardPage').then((m) => m.BoardPage));
const CommentsPage = lazyPage(() => import('./pages/comments/CommentsPage').then((m) => m.CommentsPage));
const DatasetsPage = lazyPage(async () => {
  const [{ registerGridModules }, m] = await Promise.all([import('./grid/modules'), import('./pages/datasets/DatasetsPage')]);
  registerGridModules();
  return m.DatasetsPage;
});
const GraphiQLPage = lazyPage(() => import('./pages/GraphiQLPage').then((m) => m.GraphiQLPage));

function lazyPage(load: () => Promise<ComponentType>) {
  return lazy(async () => ({ default: await load() }));
}

/** Shown while a page's chunk loads (a fraction of a second on an intranet). */
function PageLoading() {
  const { t } = useI18n();
  return (
    <div className="page page-loading" role="status" aria-live="polite">
      {t({ zh: '正在加载…', en: 'Loading…' })}
    </div>
  );
}

const page = (node: ReactNode) => <Suspense fallback={<PageLoading />}>{node}</Suspense>;

/**
 * Every page of the app, in navigation order; `/login` and `/graphiql` have no tab. Writes refused
 * for want of a session open the sign-in dialog in place (auth/Login.tsx), so the page is not lost.
 */
export const ROUTES: Route[] = [
  ...TABLES.map((spec) => ({ path: spec.path, nav: spec.label, render: () => page(<DataGrid key={spec.key} spec={spec} />) })),
  { path: '/year-targets', group: 'run', nav: { zh: '年度目标', en: 'Year targets' }, render: () => page(<YearTargetsPage />) },
  { path: '/ledger', group: 'run', nav: { zh: '电子台账', en: 'Ledger' }, render: () => page(<LedgerPage />) },
  { path: '/board', group: 'run', nav: { zh: '动态监控', en: 'Monitoring' }, render: () => page(<BoardPage />) },
  { path: '/bulletins', group: 'run', nav: { zh: '月度通报', en: 'Bulletins' }, render: () => page(<BulletinsPage />) },
  { path: '/evaluations', group: 'run', nav: { zh: '季度评估', en: 'Evaluations' }, render: () => page(<EvaluationsPage />) },
  { path: '/scores', group: 'run', nav: { zh: '3+1考评', en: '3+1 score' }, render: () => page(<ScoresPage />) },
  { path: '/department', nav: { zh: '部门查询', en: 'Department lookup' }, render: () => page(<DepartmentPage />) },
  { path: '/comments', group: 'public', nav: { zh: '公众留言', en: 'Comments' }, render: () => page(<CommentsPage />) },
  { path: '/import', nav: { zh: '导入 / 导出', en: 'Import / export' }, render: () => page(<ImportPage />) },
  { path: '/datasets', render: () => page(<DatasetsPage />) }, // saved queries as BI links (issue 16), linked from /import
  { path: '/login', render: () => <LoginPage /> },
  { path: '/graphiql', render: () => page(<GraphiQLPage />) },
];

export const HOME = '/indicators';
