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
    case 'FORBIDDEN':
    case 'TOO_MANY_REQUESTS':
      return accessReason(p, lang);
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

/** What a type name is called in messages. */
const NOUNS: Record<string, [string, string]> = {
  Indicator: ['指标', 'indicator'],
  SpecialTarget: ['专项目标', 'special target'],
  Rectification: ['热点整改', 'rectification'],
  InnovationTopic: ['创新指南', 'innovation topic'],
  Standard: ['标准', 'standard'],
  Department: ['部门', 'department'],
};

/** Sign-in and permission refusals (UNAUTHENTICATED, FORBIDDEN, TOO_MANY_REQUESTS), in plain words. */
export function accessReason(p: Problem, lang: Lang): string {
  const m = p.message;
  let r: RegExpExecArray | null;
  if (/Wrong username or password/.test(m)) return zhen(lang, '用户名或密码不正确', 'wrong username or password');
  if ((r = /Too many failed sign-ins: wait (\d+) minutes/.exec(m))) return zhen(lang, `登录失败次数过多，请 ${r[1]} 分钟后再试`, `too many failed sign-ins: wait ${r[1]} minutes and try again`);
  if ((r = /The account (.+) is disabled/.exec(m))) return zhen(lang, `账号 ${r[1]} 已被停用，请联系考评办`, `the account ${r[1]} is disabled; ask the evaluation office`);
  if (/session has expired or was revoked/.test(m)) return zhen(lang, '登录已过期或已注销，请重新登录', 'your session has expired or was signed out: sign in again');
  if (/anonymous reading is turned off/.test(m)) return zhen(lang, '本系统需要登录后才能查看', 'sign in to use the hub: anonymous reading is turned off here');
  if ((r = /^(\w+) (\d+) is not one of your department/.exec(m))) {
    const noun = NOUNS[r[1]] ?? [r[1], r[1]];
    return zhen(
      lang,
      `${noun[0]} ${r[2]} 不属于您部门负责的行：您只能修改本部门牵头或配合的行`,
      `${noun[1]} ${r[2]} is not one of your department’s rows: you can change only rows your department leads or supports`,
    );
  }
  if ((r = /^(.+) is a viewer and cannot/.exec(m))) return zhen(lang, `${r[1]} 是只读用户（查看者），不能修改数据`, `${r[1]} is a viewer and cannot change data`);
  if (/API tokens are read-only/.test(m)) return zhen(lang, 'API 令牌只能读取，不能修改', 'API tokens are read-only');
  if ((r = /Only the evaluation office \(ADMIN\) can (.+?)\.?$/.exec(m))) {
    const what = r[1];
    const zh = /responsibilities or links/.test(what)
      ? '修改责任单位或关联'
      : /^create/.test(what)
        ? '添加行'
        : /^delete/.test(what)
          ? '删除行'
          : /departments/.test(what)
            ? '修改部门'
            : what;
    return zhen(lang, `只有考评办（管理员）可以${zh}`, `only the evaluation office (ADMIN) can ${what}`);
  }
  if (/^Sign in to/.test(m) || p.code === 'UNAUTHENTICATED') return zhen(lang, '请先登录再修改', 'sign in first to make changes');
  if (p.code === 'TOO_MANY_REQUESTS') return zhen(lang, '请求过多，请稍后再试', 'too many requests: try again later');
  return zhen(lang, `没有权限：${m}`, m);
}
