import { useI18n } from '../i18n';
import { requestSignIn, useSession } from '../api/session';
import type { GridAccess } from './access';

/** The status bar's one hint on editing: how to, or why not (with a sign-in button when signed out). */
export function EditHint({ access }: { access: GridAccess }) {
  const { t } = useI18n();
  const user = useSession();
  return (
    <span className={`status-hint${access.edit ? '' : ' status-readonly'}`} data-testid="edit-hint">
      {t(access.hint)}
      {user === null && (
        <button type="button" className="link-button" onClick={() => requestSignIn()} data-testid="hint-sign-in">
          {t({ zh: '登录', en: 'Sign in' })}
        </button>
      )}
    </span>
  );
}
