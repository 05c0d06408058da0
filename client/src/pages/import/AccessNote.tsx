import { useI18n } from '../../i18n';
import { requestSignIn, type SessionUser } from '../../api/session';

/** Who may import, said before the user chooses a file: nothing for an administrator. */
export function AccessNote({ user }: { user: SessionUser | null | undefined }) {
  const { t } = useI18n();
  if (user === undefined || user?.role === 'ADMIN') return null;
  if (user === null) {
    return (
      <div className="transfer-note warn" role="note" data-testid="import-access">
        <span>{t({ zh: '导入需要管理员（考评办）账号。您还没有登录：未登录只能浏览和导出。', en: 'Importing needs an administrator (evaluation office) account. You are not signed in: you can browse and export only.' })}</span>
        <button type="button" onClick={() => requestSignIn(t({ zh: '导入需要管理员（考评办）账号登录。', en: 'Importing needs an administrator (evaluation office) to sign in.' }))} data-testid="import-sign-in">
          {t({ zh: '登录', en: 'Sign in' })}
        </button>
      </div>
    );
  }
  if (user.role === 'VIEWER') {
    return (
      <div className="transfer-note warn" role="note" data-testid="import-access">
        {t({ zh: `导入需要管理员（考评办）权限。${user.username} 是查看者，只能浏览和导出。`, en: `Importing needs an administrator (evaluation office). ${user.username} is a viewer and can browse and export only.` })}
      </div>
    );
  }
  return (
    <div className="transfer-note" role="note" data-testid="import-access">
      {t({
        zh: '导入一般由管理员（考评办）进行：新增或删除行、修改责任单位和关联都需要管理员。编辑只能用导入更新本部门牵头或配合的行的内容，其他行会被列为问题。',
        en: 'Imports are for administrators (the evaluation office): creating or deleting rows and changing responsibilities or links need an administrator. An editor can only update the rows their department leads or supports; other rows are listed as problems.',
      })}
    </div>
  );
}
