import { CombinedGraphQLErrors, ServerError, ServerParseError } from '@apollo/client/errors';

/** A refusal or failure, reduced to what the UI needs to explain it. */
export interface Problem {
  code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NETWORK' | 'CLIENT' | string;
  /** The server's own message (English), kept for the details line. */
  message: string;
  /** Path of the refused input, e.g. `patch.unit`, `input.indicators[2].patch.unit`. */
  field?: string;
  /** For CONFLICT on a stale version. */
  currentVersion?: number;
  /** For batch refusals: which edit. */
  list?: string;
  index?: number;
  rowId?: string;
  suggestions?: string[];
}

export function toProblem(error: unknown): Problem {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const ext = (first?.extensions ?? {}) as Record<string, unknown>;
    return {
      code: typeof ext.code === 'string' ? ext.code : 'INTERNAL_SERVER_ERROR',
      message: first?.message ?? 'unknown error',
      field: typeof ext.field === 'string' ? ext.field : undefined,
      currentVersion: typeof ext.currentVersion === 'number' ? ext.currentVersion : undefined,
      list: typeof ext.list === 'string' ? ext.list : undefined,
      index: typeof ext.index === 'number' ? ext.index : undefined,
      rowId: typeof ext.rowId === 'string' ? ext.rowId : undefined,
      suggestions: Array.isArray(ext.suggestions) ? (ext.suggestions as unknown[]).map(String) : undefined,
    };
  }
  if (ServerError.is(error)) {
    // A refused credential answers HTTP 401 with a GraphQL body: keep its code and words.
    try {
      const body = JSON.parse(error.bodyText) as { errors?: { message?: string; extensions?: { code?: string } }[] };
      const first = body.errors?.[0];
      if (first?.extensions?.code) return { code: first.extensions.code, message: first.message ?? error.message };
    } catch {
      // not JSON: fall through
    }
  }
  if (ServerError.is(error)) return { code: error.statusCode >= 500 ? 'SERVER' : 'NETWORK', message: `HTTP ${error.statusCode}: ${error.message}` };
  if (ServerParseError.is(error)) return { code: 'SERVER', message: error.message };
  if (error instanceof ClientProblem) return { code: 'CLIENT', message: error.message, field: error.field };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'NETWORK', message };
}

/** A refusal found before anything is sent, e.g. a pasted word in a number column. */
export class ClientProblem extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/**
 * Splits a refused input path into the edit it belongs to and the row field, e.g.
 * `input.indicators[2].patch.responsibilities[0].department` → list indicators, index 2, field
 * responsibilities; `patch.unit` → field unit.
 */
export function parseFieldPath(path: string | undefined): { list?: string; index?: number; field?: string } {
  if (!path) return {};
  const batch = /^(?:input\.)?(\w+)\[(\d+)\]\.(?:patch\.)?(\w+)/.exec(path);
  if (batch && batch[3] !== 'patch') return { list: batch[1], index: Number(batch[2]), field: batch[3] };
  if (batch) return { list: batch[1], index: Number(batch[2]) };
  const single = /^(?:patch|input)\.(\w+)/.exec(path);
  if (single) return { field: single[1] };
  const bare = /^(\w+)/.exec(path);
  return bare ? { field: bare[1] } : {};
}

// ---- messages a person reads (issue 10, item 6) ------------------------------------------------------

type Lang = 'zh' | 'en';
const say = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

/** What to do about a refusal, by its code (and, for bad input, the kind of rule it broke). */
export function whatToDo(p: Problem, lang: Lang): string {
  switch (p.code) {
    case 'BAD_USER_INPUT':
      if (/cannot be null|must not be empty/.test(p.message)) return say(lang, '请填写后再保存', 'fill it in and save again');
      return say(lang, '请改正后再保存', 'correct it and save again');
    case 'UNAUTHENTICATED':
      return say(lang, '请点“登录”，登录后重新输入', 'sign in, then make the change again');
    case 'FORBIDDEN':
      return say(lang, '如需修改，请联系考评办', 'ask the evaluation office if it needs changing');
    case 'CONFLICT':
      return p.currentVersion != null ? say(lang, '请加载最新数据后再修改', 'load the newer row, then change it again') : say(lang, '请换一个值', 'choose another value');
    case 'NOT_FOUND':
      return say(lang, '请刷新表格', 'reload the table');
    case 'TOO_MANY_REQUESTS':
    case 'NETWORK':
    case 'SERVER':
    case 'INTERNAL_SERVER_ERROR':
      return say(lang, '请稍后再试', 'try again in a moment');
    default:
      return '';
  }
}

/**
 * A refusal in the reader's language: the column by its label (from `labelOf`, e.g. the grid's
 * header for `patch.unit`), why, and what to do — never the raw code or the server's English.
 * `why` is the reason in words (api/describe.ts `reason`), passed in to keep this module free of it.
 */
export function explain(p: Problem, lang: Lang, why: string, labelOf?: (field: string) => string | undefined, withLabel = true): string {
  const path = parseFieldPath(p.field);
  const label = withLabel && path.field ? labelOf?.(path.field) : undefined;
  // A reason the client has no words for is the server's English: say it plainly instead.
  const plain = lang === 'zh' && /^服务器拒绝：|^没有权限：/.test(why) ? (p.code === 'BAD_USER_INPUT' ? '这个值不被接受' : '操作被拒绝') : why;
  const head = label ? say(lang, `「${label}」${plain}`, `${label}: ${plain}`) : plain;
  const todo = whatToDo(p, lang);
  const end = lang === 'zh' ? '。' : '.';
  return todo ? `${head}${say(lang, '：', '; ')}${todo}${end}` : `${head}${end}`;
}
