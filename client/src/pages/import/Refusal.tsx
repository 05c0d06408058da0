import { useI18n } from '../../i18n';
import { refusalReason } from '../../api/transfer';
import { requestSignIn } from '../../api/session';
import type { StagedRefusal } from './importReducer';
import { ProblemTable } from './ResultViews';

/** The server refused the dry run or the import as a whole: why, and its problems where it listed them. */
export function Refusal({ refusal }: { refusal: StagedRefusal }) {
  const { lang, t } = useI18n();
  const access = refusal.problem.code === 'UNAUTHENTICATED' || refusal.problem.code === 'FORBIDDEN';
  const listed = refusal.problems.length > 0 && !(refusal.problems.length === 1 && refusal.problems[0].row == null && refusal.problems[0].column == null);
  return (
    <div className="transfer-refusal" role="alert" data-testid="import-refusal" data-code={refusal.problem.code}>
      <strong>
        {refusal.stage === 'apply'
          ? t({ zh: '导入被拒绝，没有写入任何数据', en: 'The import was refused; nothing was written' })
          : access
            ? t({ zh: '没有导入权限', en: 'You may not import' })
            : t({ zh: '无法检查这个文件', en: 'The file could not be checked' })}
      </strong>
      <div data-testid="import-refusal-reason">{refusalReason(refusal, lang)}</div>
      {refusal.problem.code === 'UNAUTHENTICATED' && (
        <button type="button" onClick={() => requestSignIn(t({ zh: '导入需要管理员（考评办）账号登录。', en: 'Importing needs an administrator (evaluation office) to sign in.' }))}>
          {t({ zh: '登录', en: 'Sign in' })}
        </button>
      )}
      {/* The server's own words only where no table of problems says it better. */}
      {listed ? (
        <ProblemTable problems={refusal.problems} total={refusal.problemCount} showTable={refusal.problems.some((p) => p.table && p.table !== refusal.problems[0].table)} />
      ) : (
        !access && <div className="notice-detail">{refusal.problem.message}</div>
      )}
    </div>
  );
}
