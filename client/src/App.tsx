import { useEffect } from 'react';
import { useI18n } from './i18n';
import { Link, navigate, useLocation } from './router';
import { HOME, NAV_GROUPS, ROUTES } from './routes';
import { NavMenu } from './ui/NavMenu';
import { Notices } from './ui/notify';
import { SignInDialog, UserBadge } from './auth/Login';
import { loadSession } from './api/session';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { DemoBanner } from './ui/DemoBanner';
import { PublicSection } from './pages/public';

export function App() {
  const { lang, setLang, t } = useI18n();
  const { path } = useLocation();
  const route = ROUTES.find((r) => r.path === path);
  useEffect(() => {
    void loadSession();
  }, []);
  useEffect(() => {
    if (path === '/' || path === '') navigate(HOME, { replace: true });
  }, [path]);
  if (path === '/public') return <PublicSection />; // 公众监督: its own layout, outside the staff shell
  return (
    <div className="app">
      <header className="topbar">
        <Link to={HOME} className="brand" title="Plan Hub">
          <span className="brand-mark">◆</span> {t({ zh: '绩效规划数据中心', en: 'Plan Hub' })}
        </Link>
        <nav className="tabs" aria-label={t({ zh: '数据表', en: 'Tables' })}>
          {ROUTES.filter((r) => r.nav).map((r, i, all) => {
            if (r.group) {
              // A menu, where its first page would be.
              if (all.findIndex((x) => x.group === r.group) !== i) return null;
              const items = all.filter((x) => x.group === r.group).map((x) => ({ path: x.path, label: x.nav![lang] }));
              if (r.group === 'public') items.unshift({ path: '/public', label: t({ zh: '公众监督页面', en: 'Public page' }) });
              return <NavMenu key={r.group} label={NAV_GROUPS[r.group][lang]} items={items} path={path} testId={`nav-${r.group}`} />;
            }
            return (
              <Link key={r.path} to={r.path} className={r.path === path ? 'tab active' : 'tab'} aria-current={r.path === path ? 'page' : undefined}>
                {r.nav![lang]}
              </Link>
            );
          })}
        </nav>
        <div className="topbar-end">
          <UserBadge />
          <a className="muted small" href="/graphql" target="_blank" rel="noreferrer" title={t({ zh: 'GraphQL 接口：查询工具与文档', en: 'GraphQL API: explorer and docs' })}>
            GraphQL
          </a>
          <div className="lang-switch" role="group" aria-label="Language / 语言">
            <button type="button" className={lang === 'zh' ? 'on' : ''} aria-pressed={lang === 'zh'} onClick={() => setLang('zh')}>
              中文
            </button>
            <button type="button" className={lang === 'en' ? 'on' : ''} aria-pressed={lang === 'en'} onClick={() => setLang('en')}>
              English
            </button>
          </div>
        </div>
      </header>
      <DemoBanner />
      <main className="content">
        {route ? (
          <ErrorBoundary key={route.path}>{route.render()}</ErrorBoundary>
        ) : path === '/' ? null : (
          <div className="page">
            <h1>{t({ zh: '找不到这个页面', en: 'Page not found' })}</h1>
            <p>
              <Link to={HOME}>{t({ zh: '回到指标表', en: 'Back to the indicators' })}</Link>
            </p>
          </div>
        )}
      </main>
      <SignInDialog />
      <Notices />
    </div>
  );
}
