import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n';
import { navigate, useLocation, Link } from '../router';
import { HOME } from '../routes';
import { toProblem, type Problem } from '../api/errors';
import { accessReason, reason } from '../api/describe';
import { closeSignIn, signIn, signOut, useSession, useSignInPrompt, type SessionUser } from '../api/session';
import { Dialog } from '../ui/Dialog';
import { notify } from '../ui/notify';
import type { Lang, Text } from '../i18n';

export const ROLE_LABEL: Record<SessionUser['role'], Text> = {
  ADMIN: { zh: '管理员（考评办）', en: 'Admin (evaluation office)' },
  EDITOR: { zh: '编辑', en: 'Editor' },
  VIEWER: { zh: '查看者', en: 'Viewer' },
};

function loginError(p: Problem, lang: Lang): string {
  if (p.code === 'UNAUTHENTICATED' || p.code === 'FORBIDDEN' || p.code === 'TOO_MANY_REQUESTS') return accessReason(p, lang);
  return reason(p, lang);
}

/** Username and password; the server answers with the session cookie. */
function LoginForm({ onDone, note, idPrefix }: { onDone(user: SessionUser): void; note?: string; idPrefix: string }) {
  const { lang, t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) {
      setProblem({ code: 'CLIENT', message: t({ zh: '请输入用户名和密码', en: 'Enter your username and password' }) });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const user = await signIn(username.trim(), password);
      setPassword('');
      onDone(user);
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="login-form" onSubmit={submit} data-testid="login-form" noValidate>
      {note && <p className="login-note">{note}</p>}
      <label className="form-row" htmlFor={`${idPrefix}-username`}>
        <span className="form-label">{t({ zh: '用户名', en: 'Username' })}</span>
        <input id={`${idPrefix}-username`} name="username" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />
      </label>
      <label className="form-row" htmlFor={`${idPrefix}-password`}>
        <span className="form-label">{t({ zh: '密码', en: 'Password' })}</span>
        <input id={`${idPrefix}-password`} name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} aria-invalid={problem ? true : undefined} />
      </label>
      {problem && (
        <p className="login-error" role="alert" data-testid="login-error" data-code={problem.code}>
          {loginError(problem, lang)}
        </p>
      )}
      <button type="submit" className="primary login-submit" disabled={busy} data-testid="login-submit">
        {busy ? t({ zh: '正在登录…', en: 'Signing in…' }) : t({ zh: '登录', en: 'Sign in' })}
      </button>
    </form>
  );
}

/** /login?next=/indicators — the sign-in page. */
export function LoginPage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const user = useSession();
  const next = query.get('next');
  const target = next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : HOME;
  return (
    <div className="page login-page">
      <div className="login-card">
        <h1>{t({ zh: '登录', en: 'Sign in' })}</h1>
        {user ? (
          <p>
            {t({ zh: '您已登录为', en: 'You are signed in as' })} <strong>{user.username}</strong>. <Link to={target}>{t({ zh: '继续', en: 'Continue' })}</Link>
          </p>
        ) : (
          <>
            <LoginForm idPrefix="login-page" onDone={(u) => {
              notify({ kind: 'success', title: t({ zh: '已登录', en: 'Signed in' }), body: u.username });
              navigate(target, { replace: true });
            }} />
            <p className="muted small">
              {t({
                zh: '未登录也可以浏览（只读）。账号由考评办开设；编辑只能修改本部门牵头或配合的行。',
                en: 'You can browse without signing in (read only). The evaluation office creates accounts; editors change only the rows their department leads or supports.',
              })}
            </p>
          </>
        )}
      </div>
    </div>
  );
}

/** The sign-in dialog, opened where a write was refused for want of a session: the page stays as it was. */
export function SignInDialog() {
  const { t } = useI18n();
  const prompt = useSignInPrompt();
  if (!prompt) return null;
  return (
    <Dialog title={t({ zh: '登录', en: 'Sign in' })} onClose={closeSignIn}>
      <LoginForm
        idPrefix="login-dialog"
        note={prompt.reason ?? t({ zh: '修改数据需要登录。', en: 'Changing data needs a signed-in user.' })}
        onDone={(u) => {
          closeSignIn();
          notify({ kind: 'success', title: t({ zh: '已登录', en: 'Signed in' }), body: t({ zh: `${u.username}：请重新输入刚才没有保存的修改。`, en: `${u.username}: enter the change that was not saved again.` }) });
        }}
      />
    </Dialog>
  );
}

/** The header's corner: who is signed in, and sign-in / sign-out. */
export function UserBadge() {
  const { lang, t } = useI18n();
  const user = useSession();
  const { path, href } = useLocation();
  if (user === undefined) return null;
  if (!user) {
    if (path === '/login') return null;
    return (
      <Link to={`/login?next=${encodeURIComponent(href)}`} className="signin-link" data-testid="sign-in">
        {t({ zh: '登录', en: 'Sign in' })}
      </Link>
    );
  }
  const dept = user.department ? (lang === 'zh' ? user.department.name : user.department.nameEn || user.department.name) : '';
  return (
    <div className="user-badge" data-testid="user-badge">
      <span className="user-who">
        <span className="user-name" data-testid="user-name">{user.username}</span>
        <span className="user-role" data-testid="user-role" title={`${ROLE_LABEL[user.role][lang]}${dept ? ` · ${dept}` : ''}`}>
          {ROLE_LABEL[user.role][lang]}
          {dept ? ` · ${dept}` : ''}
        </span>
      </span>
      <button
        type="button"
        className="signout"
        data-testid="sign-out"
        onClick={async () => {
          try {
            await signOut();
            notify({ kind: 'info', title: t({ zh: '已退出登录', en: 'Signed out' }), body: t({ zh: '现在是只读浏览。', en: 'You are browsing read-only.' }) });
          } catch (e) {
            notify({ kind: 'error', title: t({ zh: '退出失败', en: 'Could not sign out' }), body: reason(toProblem(e), lang) });
          }
        }}
      >
        {t({ zh: '退出', en: 'Sign out' })}
      </button>
    </div>
  );
}
