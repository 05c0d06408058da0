import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { apollo, copy } from './client';
import { graphql } from './generated';
import type {
  ExportTableQuery,
  ImportAction,
  ImportProblemFieldsFragment,
  ImportResultFieldsFragment,
  TransferFormat,
  TransferPlansQuery,
  TransferTable,
} from './generated/graphql';
import { toProblem, type Problem } from './errors';
import { accessReason, reason as describeReason } from './describe';
import type { Lang, Text } from '../i18n';
import type { TableKey } from '../tables/types';

/**
 * Bulk import and export through the server's `importTable` and `exportTable` (server/transfer/):
 * the file travels as base64, the server detects its format and encoding, a dry run reports every
 * problem and change, a real run applies all of it in one transaction or nothing.
 */
export type { TransferTable, TransferFormat, ImportAction };

/** The tables the UI offers, in the order of the navigation; ALL is the whole plan as one JSON document. */
export const TRANSFER_TABLES: { table: TransferTable; label: Text; key?: TableKey }[] = [
  { table: 'INDICATORS', key: 'indicators', label: { zh: '指标', en: 'Indicators' } },
  { table: 'SPECIAL_TARGETS', key: 'specialTargets', label: { zh: '专项目标', en: 'Special targets' } },
  { table: 'RECTIFICATIONS', key: 'rectifications', label: { zh: '热点整改', en: 'Rectifications' } },
  { table: 'INNOVATION_TOPICS', key: 'innovationTopics', label: { zh: '创新指南', en: 'Innovation topics' } },
  { table: 'STANDARDS', key: 'standards', label: { zh: '标准', en: 'Standards' } },
  { table: 'DEPARTMENTS', key: 'departments', label: { zh: '部门', en: 'Departments' } },
  // A department's ledger spreadsheet (电子台账): items by kind and plan number; exports hold what the reader may see.
  { table: 'LEDGER', label: { zh: '电子台账', en: 'Ledger entries' } },
  { table: 'ALL', label: { zh: '整个规划（JSON）', en: 'The whole plan (JSON)' } },
];

const PLANS_LABEL: Text = { zh: '规划', en: 'Plans' };

export function tableLabel(table: TransferTable | string | null | undefined, lang: Lang): string {
  if (!table) return '';
  if (table === 'PLANS') return PLANS_LABEL[lang];
  return TRANSFER_TABLES.find((t) => t.table === table)?.label[lang] ?? table;
}

export const transferTableOf = (key: TableKey): TransferTable => TRANSFER_TABLES.find((t) => t.key === key)!.table;

// ---- import --------------------------------------------------------------------------------------

/** One problem of a file: where it is (table, row, column), the value and why. */
export type ImportProblem = ImportProblemFieldsFragment;
export type ImportRowPreview = ImportResult['tables'][number]['rows'][number];
export type ImportTableResult = ImportResult['tables'][number];
/** What a dry run or a real import answers (the GraphQL type ImportResult, as this page selects it). */
export type ImportResult = ImportResultFieldsFragment;

graphql(`fragment ImportProblemFields on ImportProblem { table row column value reason code suggestions }`);
graphql(`
  fragment ImportResultFields on ImportResult {
    importId table format encoding planCode dryRun applied rowCount created updated unchanged deleted problemCount
    problems { ...ImportProblemFields }
    tables { table rowCount created updated unchanged deleted columns { header field } rows { row key action cells changes { field before after } } }
  }
`);
const IMPORT = graphql(`
  mutation ImportTable($input: ImportInput!) {
    importTable(input: $input) { ...ImportResultFields }
  }
`);

/** The preview's size: the API's maximum, so a file of a few hundred rows shows every row. */
export const PREVIEW_LIMIT = 1000;

export interface ImportRequest {
  table: TransferTable;
  /** The file's bytes as base64. */
  content: string;
  filename: string;
  dryRun: boolean;
  deleteMissing: boolean;
  planCode?: string | null;
}

export async function importFile(request: ImportRequest): Promise<ImportResult> {
  const input = { ...request, encoding: 'BASE64' as const, planCode: request.planCode || undefined, previewLimit: PREVIEW_LIMIT };
  const res = await apollo.mutate({ mutation: IMPORT, variables: { input }, fetchPolicy: 'no-cache' });
  return copy(res.data!.importTable);
}

/**
 * An import the server refused as a whole: a file it cannot read (BAD_USER_INPUT, field "file"),
 * a real run with problems, a permission refusal, or a failure on the way. `problems` are the
 * server's own (extensions.problems) where it sent them.
 */
export interface ImportRefusal {
  problem: Problem;
  problems: ImportProblem[];
  problemCount: number;
  importId: string | null;
  /** The request body was over the server's limit (HTTP 413, before GraphQL). */
  tooLarge: boolean;
}

export function toRefusal(error: unknown): ImportRefusal {
  const problem = toProblem(error);
  let problems: ImportProblem[] = [];
  let problemCount = 0;
  let importId: string | null = null;
  if (CombinedGraphQLErrors.is(error)) {
    const ext = (error.errors[0]?.extensions ?? {}) as Record<string, unknown>;
    if (Array.isArray(ext.problems)) {
      problems = (ext.problems as Partial<ImportProblem>[]).map((p) => ({
        table: (p.table as TransferTable) ?? null,
        row: p.row ?? null,
        column: p.column ?? null,
        value: p.value ?? null,
        reason: p.reason ?? '',
        code: p.code ?? problem.code,
        suggestions: p.suggestions ?? null,
      }));
    }
    problemCount = typeof ext.problemCount === 'number' ? ext.problemCount : problems.length;
    importId = typeof ext.importId === 'string' ? ext.importId : null;
  }
  const tooLarge = ServerError.is(error) && error.statusCode === 413;
  return { problem, problems, problemCount, importId, tooLarge };
}

// ---- the server's reasons in the user's language ----------------------------------------------------

type Rule = [RegExp, (m: RegExpExecArray) => Text];

/** The importer's English reasons (server/transfer/), in plain Chinese; the English stays as it is. */
const RULES: Rule[] = [
  [/^unknown department "(.*?)"/, (m) => ({ zh: `没有名为“${m[1]}”的部门`, en: `there is no department called "${m[1]}"` })],
  [/^expected a number, got "?(.*?)"?$/, (m) => ({ zh: `应为数字，而不是“${m[1]}”`, en: `expected a number, got "${m[1]}"` })],
  [/^expected text, got (.*)$/, (m) => ({ zh: `应为文字，而不是 ${m[1]}`, en: `expected text, got ${m[1]}` })],
  [/^not a number Excel can store/, () => ({ zh: '不是 Excel 能保存的数字', en: 'not a number Excel can store' })],
  [/^expected 是 or 否 \(true\/false\), got "(.*)"$/, (m) => ({ zh: `应为“是”或“否”，而不是“${m[1]}”`, en: `expected 是 or 否 (yes/no), got "${m[1]}"` })],
  [/^unknown value "(.*?)"; use (.*)$/, (m) => ({ zh: `无法识别“${m[1]}”；可填：${m[2]}`, en: `unknown value "${m[1]}"; use ${m[2]}` })],
  [/^"(.*?)" is not a row number \(seq\)/, (m) => ({ zh: `“${m[1]}”不是序号；请写成 1; 3; 5 这样的形式`, en: `"${m[1]}" is not a row number; list them like 1; 3; 5` })],
  [/^"(.*?)" should be a department and its role/, (m) => ({ zh: `“${m[1]}”应写成部门和角色，如 区住建局:牵头 或 区环保局:配合`, en: `"${m[1]}" should be a department and its role, like 区住建局:牵头` })],
  [/^"(.*?)": unknown role "(.*?)"/, (m) => ({ zh: `“${m[1]}”：无法识别角色“${m[2]}”，请用 牵头 或 配合`, en: `"${m[1]}": unknown role "${m[2]}"; use 牵头 or 配合` })],
  [/^(.+) is listed twice \(as "(.*?)" and "(.*?)"\)/, (m) => ({ zh: `${m[1]} 出现了两次（“${m[2]}”和“${m[3]}”），一个部门只能有一个角色`, en: `${m[1]} is listed twice ("${m[2]}" and "${m[3]}"); give it one role` })],
  [/^"(.*?)" is not among the row's (.+?); a note needs/, (m) => ({ zh: `“${m[1]}”不在本行的${m[2]}中：说明须写给本行的责任单位`, en: `"${m[1]}" is not among the row's ${m[2]}; a note needs its department there` })],
  [/^"(.*?)" should start with a department/, (m) => ({ zh: `“${m[1]}”应以部门开头，如 区发改局: 说明`, en: `"${m[1]}" should start with a department, like 区发改局: note` })],
  [/^(.+) needs the 责任单位 column beside it/, (m) => ({ zh: `有${m[1]}列时也须有责任单位列`, en: `${m[1]} needs the 责任单位 column beside it` })],
  [/^(.+?) (\S+) is already at row (\d+) of this file/, (m) => ({ zh: `${m[1]} ${m[2]} 已出现在本文件第 ${m[3]} 行：每行的${m[1]}不能重复`, en: `${m[1]} ${m[2]} is already at row ${m[3]} of this file: each row needs its own` })],
  [/^cannot read the target "(.*?)"/, (m) => ({ zh: `无法识别目标“${m[1]}”：请写成 1500、13左右、达到68以上 这样的形式，或同时填写目标类型和目标数值`, en: `cannot read the target "${m[1]}"; write it like 1500, 13左右, 达到68以上, or give the target kind and value` })],
  [/^the row belongs to plan (\S+), but this import loads plan (\S+)/, (m) => ({ zh: `这一行属于规划 ${m[1]}，而本次导入的是规划 ${m[2]}：一个文件只能导入一个规划`, en: `the row belongs to plan ${m[1]}, but this import loads plan ${m[2]}: one plan per file` })],
  [/^no indicator with seq (\d+) in plan (\S+)/, (m) => ({ zh: `规划 ${m[2]} 中没有序号为 ${m[1]} 的指标`, en: `no indicator with number ${m[1]} in plan ${m[2]}` })],
  [/^unknown column "(.*?)" for .*?; the columns are (.*)$/, (m) => ({ zh: `未知的列“${m[1]}”；可用的列：${m[2]}`, en: `unknown column "${m[1]}"; the columns are ${m[2]}` })],
  [/^"(.*?)" is the same column as "(.*?)"/, (m) => ({ zh: `“${m[1]}”与“${m[2]}”是同一列，只能出现一次`, en: `"${m[1]}" is the same column as "${m[2]}"` })],
  [/^missing column (.+?) \(\w+\)/, (m) => ({ zh: `缺少“${m[1]}”列：没有它就不能新增行`, en: `missing column ${m[1]}: rows cannot be created without it` })],
  [/^a value beyond the last column \(cell (\d+); the header has (\d+)\)/, (m) => ({ zh: `第 ${m[1]} 格超出了表头（表头只有 ${m[2]} 列）`, en: `a value beyond the last column (cell ${m[1]}; the header has ${m[2]})` })],
  [/^a formula \((.*?)\) where a value is expected/, (m) => ({ zh: `这里是公式（${m[1]}），应为数值：请在 Excel 中“选择性粘贴 → 数值”`, en: `a formula (${m[1]}) where a value is expected; paste the values only (Paste Special → Values)` })],
  [/^a date where text is expected/, () => ({ zh: 'Excel 把这一格变成了日期：请把这一列设为“文本”后重新输入', en: 'a date where text is expected: format the column as Text and type the value again' })],
  [/^an Excel error value (.*)$/, (m) => ({ zh: `Excel 错误值 ${m[1]}`, en: `an Excel error value ${m[1]}` })],
  [/^(\w+) (\d+) changed while the file was being read/, (m) => ({ zh: `读取文件期间 ${m[1]} ${m[2]} 被他人修改：请重新导入`, en: `${m[1]} ${m[2]} changed while the file was being read; load the file again` })],
  [/^delete-missing is not offered for plans/, () => ({ zh: '规划不能用“删除文件中没有的行”：删除规划会删除其全部数据，请单独删除', en: 'delete-missing is not offered for plans: delete a plan on its own' })],
  // Whole-file problems (the file cannot be read at all).
  [/^the file is empty$/, () => ({ zh: '文件是空的', en: 'the file is empty' })],
  [/^the file is empty: no header row/, () => ({ zh: '文件是空的：没有表头行', en: 'the file is empty: no header row' })],
  [/^the file has a header but no rows/, () => ({ zh: '文件只有表头，没有数据行', en: 'the file has a header but no rows' })],
  [/^the header of .*? does not fit/, () => ({ zh: '表头与这张表不符（见下方各列的问题）', en: 'the header does not fit this table (see the problems below)' })],
  [/^a (\w+) file holds one table/, (m) => ({ zh: `${m[1]} 文件只能装一张表：请选择具体的表；整个规划只能用 JSON 导入`, en: `a ${m[1]} file holds one table: choose which one (the whole plan travels as JSON)` })],
  [/^a JSON array holds the rows of one table/, () => ({ zh: '这个 JSON 数组只装一张表的行：请选择具体的表，或导入整个规划的 JSON 文档', en: 'a JSON array holds the rows of one table: choose which one, or load a whole-plan document' })],
  [/^the file holds (\S+), not (\S+)/, (m) => ({ zh: `文件中是 ${m[1]} 表，不是 ${m[2]}：请选对数据表`, en: `the file holds ${m[1]}, not ${m[2]}: choose the right table` })],
  [/^the CSV is malformed near row (\d+)/, (m) => ({ zh: `CSV 格式有误（第 ${m[1]} 行附近），通常是引号不成对`, en: `the CSV is malformed near row ${m[1]} (usually an unpaired quote)` })],
  [/^not a readable XLSX workbook/, () => ({ zh: '无法读取这个 XLSX 工作簿：请在 Excel 中打开并另存为 .xlsx', en: 'not a readable XLSX workbook: open it in Excel and save it again as .xlsx' })],
  [/^the workbook has no sheet for/, () => ({ zh: '工作簿中没有这张表的工作表', en: 'the workbook has no sheet for this table' })],
  [/^not valid JSON/, () => ({ zh: '不是有效的 JSON 文件', en: 'not valid JSON' })],
  [/^the file is ([\d.]+ [KMG]B), over the import limit of ([\d.]+ [KMG]B)/, (m) => ({ zh: `文件有 ${m[1]}，超过了服务器的导入上限 ${m[2]}：请拆分文件，或请管理员调高 IMPORT_MAX_BYTES`, en: `the file is ${m[1]}, over the import limit of ${m[2]}: split it, or ask to raise IMPORT_MAX_BYTES` })],
  [/^this is an Excel 97–2003 \(\.xls\) file/, () => ({ zh: '这是旧版 Excel（.xls）文件：请另存为 .xlsx 或“CSV UTF-8”后再导入', en: 'this is an Excel 97–2003 (.xls) file: save it as .xlsx or CSV UTF-8' })],
  [/^the file is an XLSX workbook/, () => ({ zh: '这是 XLSX 工作簿，不是所选的格式', en: 'the file is an XLSX workbook, not the format chosen' })],
  [/^the file is not an XLSX workbook/, () => ({ zh: '这不是 XLSX 工作簿：请从 Excel 另存为 .xlsx，或按 CSV 导入', en: 'the file is not an XLSX workbook: save it as .xlsx, or load it as CSV' })],
  [/^this is not a text file/, () => ({ zh: '这不是文本文件：请选择 CSV、XLSX 或 JSON 文件', en: 'this is not a text file: choose a CSV, XLSX or JSON file' })],
  [/^the file is neither UTF-8 nor GB18030/, () => ({ zh: '文件编码既不是 UTF-8 也不是 GB18030：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”', en: 'the file is neither UTF-8 nor GB18030: save it as "CSV UTF-8 (Comma delimited)"' })],
  [/^the file is not valid UTF-8/, () => ({ zh: '文件中有不是 UTF-8 的部分：请把整个文件另存为“CSV UTF-8”', en: 'the file is not valid UTF-8: save the whole file as "CSV UTF-8"' })],
  [/^content is not valid base64/, () => ({ zh: '文件内容没有正确上传，请重试', en: 'the file did not upload correctly; try again' })],
];

/** One problem's reason in the user's language (the server's words when no rule knows them). */
export function problemReason(p: Pick<ImportProblem, 'reason' | 'code'>, lang: Lang): string {
  const text = p.reason.replace(/^file: /, '');
  if (p.code === 'FORBIDDEN' || p.code === 'UNAUTHENTICATED') return accessReason({ code: p.code, message: text }, lang);
  for (const [re, say] of RULES) {
    const m = re.exec(text);
    if (m) return say(m)[lang];
  }
  // class-validator's rules (must not be empty, at most N characters…) are known to describe.ts.
  const general = describeReason({ code: 'BAD_USER_INPUT', message: text }, lang);
  return general.startsWith('服务器拒绝：') ? text : general;
}

/** Why a whole import (dry run or real) was refused, in plain words. */
export function refusalReason(r: ImportRefusal, lang: Lang): string {
  const zh = lang === 'zh';
  if (r.tooLarge) return zh ? '文件太大，超过了服务器允许的上传大小（IMPORT_MAX_BYTES）：请拆分文件' : 'the file is larger than the server accepts (IMPORT_MAX_BYTES): split it';
  const { code, message } = r.problem;
  if (code === 'UNAUTHENTICATED') return zh ? '导入需要管理员（考评办）账号：请先登录' : 'importing needs an administrator (evaluation office) account: sign in first';
  if (code === 'FORBIDDEN') {
    const why = accessReason(r.problem, lang);
    return zh ? `导入需要管理员（考评办）权限：${why}` : `importing needs an administrator (evaluation office): ${why}`;
  }
  if (code === 'BAD_USER_INPUT' && r.problem.field === 'file' && /^file: /.test(message)) {
    return (zh ? '文件无法读取：' : 'The file cannot be read: ') + problemReason({ reason: message, code }, lang);
  }
  if (/^import refused, nothing was changed/.test(message)) {
    return zh ? `导入被拒绝，没有写入任何数据：共 ${r.problemCount} 个问题（见下表）` : `import refused, nothing was changed: ${r.problemCount} problem(s), listed below`;
  }
  return describeReason(r.problem, lang);
}

// ---- export --------------------------------------------------------------------------------------

export type ExportFile = ExportTableQuery['exportTable'];

const EXPORT = graphql(`
  query ExportTable($table: TransferTable!, $format: TransferFormat!, $planCode: String) {
    exportTable(table: $table, format: $format, planCode: $planCode) { filename mimeType rowCount contentBase64 }
  }
`);

/** The whole table (or plan) from the server, in the format asked; planCode defaults to the newest plan. */
export async function exportTable(table: TransferTable, format: TransferFormat, planCode?: string | null): Promise<ExportFile> {
  const res = await apollo.query({ query: EXPORT, variables: { table, format, planCode: planCode || null }, fetchPolicy: 'no-cache' });
  return copy(res.data!.exportTable);
}

/** Saves the file through an object URL, under the server's suggested name. */
export function download(file: ExportFile) {
  const bytes = base64ToBytes(file.contentBase64);
  const blob = new Blob([bytes], { type: file.mimeType });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = file.filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** Exports and downloads; returns the number of rows. */
export async function exportAndDownload(table: TransferTable, format: TransferFormat, planCode?: string | null): Promise<ExportFile> {
  const file = await exportTable(table, format, planCode);
  download(file);
  return file;
}

function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const bytes = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** A chosen file's bytes as base64 (what importTable's BASE64 encoding takes). */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}

// ---- plans ---------------------------------------------------------------------------------------

export type PlanSummary = TransferPlansQuery['plans'][number];

const PLANS = graphql(`query TransferPlans { plans { code name nameEn startYear } }`);

export async function listPlans(): Promise<PlanSummary[]> {
  const res = await apollo.query({ query: PLANS, fetchPolicy: 'network-only' });
  return copy(res.data!.plans);
}
