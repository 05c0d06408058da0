import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { toProblem } from '../../api/errors';
import type { Text } from '../../i18n';

/** A refused save, as the page shows it beside the editor: the server's code and reason, in words and as they are. */
export interface Refusal {
  code: string;
  reason?: string;
  field?: string;
  /** The server's own message (English). */
  message: string;
  /** What it means, in both languages. */
  words: Text;
}

const REASONS: Record<string, Text> = {
  QUERY_SYNTAX: { zh: '查询有语法错误，无法解析', en: 'The query does not parse' },
  QUERY_INVALID: { zh: '查询与接口结构不符（字段、参数或类型有误）', en: 'The query does not fit the schema (a field, argument or type is wrong)' },
  QUERY_OPERATIONS: { zh: '数据集只能包含一个查询操作', en: 'A dataset holds exactly one operation' },
  QUERY_NOT_READ: { zh: '数据集只能读取：请写 query，不能写 mutation 或 subscription', en: 'A dataset only reads: write a query, not a mutation or subscription' },
};

const CODES: Record<string, Text> = {
  BAD_USER_INPUT: { zh: '输入有误，未保存', en: 'The input was refused; nothing was saved' },
  CONFLICT: { zh: '他人已先保存了这个数据集，请重新打开后再改', en: 'Someone saved this dataset first: open it again, then change it' },
  FORBIDDEN: { zh: '只有考评办（管理员）可以保存数据集', en: 'Only the evaluation office (ADMIN) saves datasets' },
  UNAUTHENTICATED: { zh: '请先登录', en: 'Sign in first' },
  NOT_FOUND: { zh: '数据集已不存在', en: 'The dataset no longer exists' },
};

const FIELDS: Record<string, Text> = {
  variables: { zh: '默认变量有误', en: 'The default variables were refused' },
  columnLabels: { zh: '列名有误', en: 'The column labels were refused' },
  name: { zh: '名称只能用小写字母、数字和 -（最多 80 个）', en: 'The name may use lower-case letters, digits and - (at most 80)' },
  title: { zh: '标题应为 1 到 200 个字', en: 'The title must be 1 to 200 characters' },
};

export function toRefusal(error: unknown): Refusal {
  const p = toProblem(error);
  const ext = CombinedGraphQLErrors.is(error) ? ((error.errors[0]?.extensions ?? {}) as Record<string, unknown>) : {};
  const reason = typeof ext.reason === 'string' ? ext.reason : undefined;
  const field = p.field?.replace(/^input\./, '');
  const words = (reason && REASONS[reason]) || (field && FIELDS[field]) || CODES[p.code] || { zh: '保存失败', en: 'The save failed' };
  return { code: p.code, reason, field, message: p.message, words };
}
