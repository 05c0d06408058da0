import type { Lang } from '../i18n';
import type { Problem } from './errors';

type Rule = [RegExp, (m: RegExpExecArray, lang: Lang, p: Problem) => string];

const zhen = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

/** The server's English reasons, in plain words of the user's language. */
const RULES: Rule[] = [
  [/(?:must not be empty|cannot be null|an alias must not be empty)/, (_m, l) => zhen(l, '不能为空', 'must not be empty')],
  [/must be at most (\d+) characters/, (m, l) => zhen(l, `最多 ${m[1]} 个字`, `must be at most ${m[1]} characters`)],
  [/must be a year between (\d+) and (\d+)/, (m, l) => zhen(l, `应为 ${m[1]}–${m[2]} 之间的年份（整数）`, `must be a year between ${m[1]} and ${m[2]}`)],
  [/seq must be a positive integer/, (_m, l) => zhen(l, '序号应为正整数', 'the number must be a positive whole number')],
  [/seq must be at most (\d+)/, (m, l) => zhen(l, `序号最大为 ${m[1]}`, `the number must be at most ${m[1]}`)],
  [
    /cannot read the target "(.*)"/,
    (m, l) =>
      zhen(
        l,
        `无法识别目标“${m[1]}”。请写成 1500、13左右、达到68以上、控制在50以内、与GDP同步 或 市下达目标 这样的形式`,
        `cannot read the target "${m[1]}". Write it like 1500, 13左右, 达到68以上, 控制在50以内, 与GDP同步 or 市下达目标`,
      ),
  ],
  [
    /unknown department "(.*?)"/,
    (m, l, p) => {
      const hint = p.suggestions?.length ? zhen(l, `；您是不是要找：${p.suggestions.join('、')}`, `; did you mean ${p.suggestions.join(', ')}?`) : '';
      return zhen(l, `没有名为“${m[1]}”的部门`, `there is no department called "${m[1]}"`) + hint;
    },
  ],
  [/already has seq (\d+)/, (m, l) => zhen(l, `序号 ${m[1]} 已被另一行使用`, `number ${m[1]} is already used by another row`)],
  [/code must be a lowercase slug/, (_m, l) => zhen(l, '代码只能用小写字母、数字和连字符（2–64 个字符，字母开头）', 'the code may use lowercase letters, digits and - (2–64 characters, starting with a letter)')],
  [/code "(.*?)" is already used by (.*)$/, (m, l) => zhen(l, `代码“${m[1]}”已被 ${m[2]} 使用`, `code "${m[1]}" is already used by ${m[2]}`)],
  [/"(.*?)" already names (.*)$/, (m, l) => zhen(l, `“${m[1]}”已是 ${m[2]} 的名称或别名`, `"${m[1]}" already names ${m[2]}`)],
  [/still holds (\d+) responsibilities/, (m, l) => zhen(l, `该部门仍承担 ${m[1]} 项职责，请先把这些职责改给其他部门`, `the department still holds ${m[1]} responsibilities: reassign them first`)],
  [/SpecialTarget (\d+) does not exist/, (m, l) => zhen(l, `专项目标 ${m[1]} 不存在`, `special target ${m[1]} does not exist`)],
  [/Indicator (\d+) does not exist/, (m, l) => zhen(l, `指标 ${m[1]} 不存在`, `indicator ${m[1]} does not exist`)],
  [/belongs to another plan/, (_m, l) => zhen(l, '属于另一个规划，不能关联', 'belongs to another plan and cannot be linked')],
  [/does not exist/, (_m, l) => zhen(l, '这一行已不存在（可能已被他人删除）', 'the row no longer exists (someone may have deleted it)')],
  [/same key|same seq/, (_m, l) => zhen(l, '序号与另一行重复', 'another row already has this number')],
];

/** Why the server (or the client) refused, without the field path. */
export function reason(p: Problem, lang: Lang): string {
  switch (p.code) {
    case 'NETWORK':
      return zhen(lang, '无法连接服务器，修改没有保存。请检查网络后重试', 'cannot reach the server; nothing was saved. Check the connection and try again');
    case 'SERVER':
    case 'INTERNAL_SERVER_ERROR':
      return zhen(lang, '服务器出错，修改没有保存', 'the server failed; nothing was saved');
    case 'UNAUTHENTICATED':
      return zhen(lang, '请先登录', 'please sign in first');
    case 'FORBIDDEN':
      return zhen(lang, '您没有修改这一行的权限', 'you may not change this row');
    case 'CLIENT':
      return p.message;
  }
  if (p.code === 'CONFLICT' && p.currentVersion != null) {
    return zhen(lang, `其他人已先保存了这一行（现为第 ${p.currentVersion} 版）`, `someone else saved this row first (it is now at version ${p.currentVersion})`);
  }
  const tail = p.field && p.message.startsWith(`${p.field}: `) ? p.message.slice(p.field.length + 2) : p.message.replace(/^[\w.[\]]+: /, '');
  for (const [re, say] of RULES) {
    const m = re.exec(tail);
    if (m) return say(m, lang, p);
  }
  return zhen(lang, `服务器拒绝：${tail}`, tail);
}

export const isVersionConflict = (p: Problem) => p.code === 'CONFLICT' && p.currentVersion != null;
