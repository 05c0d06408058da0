import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import ExcelJS from '../transfer/exceljs';
import type { Bulletin, BulletinChange } from '../../schema/bulletins/bulletin.types';
import { ProgressStatus } from '../../schema/progress/progress.enums';
import { AppError, ErrorCode } from '../errors';
import { formatNumber } from '../progress/completion';
import { STATUS_WORDS } from './bulletin.rules';

/**
 * The bulletin as a document: a printable HTML page (also the PDF's source), an XLSX workbook, and a
 * PDF printed by a headless Chromium where the machine has one. Every output is made from the same
 * Bulletin answer, so the UI, the download routes and the CLI give the same content.
 */

export type BulletinFormat = 'html' | 'xlsx' | 'pdf';
export const BULLETIN_FORMATS: readonly BulletinFormat[] = ['html', 'xlsx', 'pdf'];
export const CONTENT_TYPES: Record<BulletinFormat, string> = {
  html: 'text/html; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

const ROLE_WORDS: Record<string, string> = { LEAD: '牵头', SUPPORT: '配合' };
const KIND_WORDS: Record<string, string> = { INDICATOR: '指标', MILESTONE: '专项目标' };
const LEDGER_WORDS: Record<string, string> = { DRAFT: '草稿未提交', RETURNED: '已退回未重报', SUBMITTED: '已提交', APPROVED: '已审核' };
const EVAL_KIND_WORDS: Record<string, string> = { QUARTERLY: '季度评估', INSPECTION: '重点督查' };
const EVAL_STATUS_WORDS: Record<string, string> = { OPEN: '待反馈', RESPONDED: '已反馈' };
const RECT_WORDS: Record<string, string> = { OPEN: '未开始', IN_PROGRESS: '整改中', DONE: '已完成', VERIFIED: '已验收' };

export const value = (v: number | null | undefined, unit = '') => (v == null ? '—' : `${formatNumber(v)}${unit ? ` ${unit}` : ''}`);
export const percent = (r: number | null | undefined) => (r == null ? '—' : `${(r * 100).toFixed(1)}%`);
const status = (s: ProgressStatus | null | undefined) => (s ? STATUS_WORDS[s] : '—');

/** 2019-06-30T08:00:00.000Z → 2019-06-30 16:00 (Beijing time). */
export function beijing(d: Date | string | null | undefined): string {
  if (!d) return '';
  const t = new Date(new Date(d).getTime() + 8 * 3600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`;
}

/** 已发布（第1期，2019-07-05 10:00，office） or 草稿（未发布）. */
export function publicationLine(b: Bulletin): string {
  return b.published ? `已发布（第${b.version}期，${beijing(b.publishedAt)}，${b.publishedBy ?? ''}）` : '草稿（未发布）';
}

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The item table's columns, shared by HTML and XLSX. */
const ITEM_HEADERS = ['事项', '类别', '角色', '年内实际', '目标', '完成度', '状态', '上期状态', '说明'];

function changeRows(changes: BulletinChange[]) {
  return changes.map((c) => `<tr><td>${esc(c.name)}</td><td>${esc(c.department ?? '')}</td><td>${esc(c.before ?? '（无）')}</td><td>${esc(c.after ?? '（无）')}</td><td>${esc(c.description)}</td></tr>`).join('');
}

/** The bulletin's page styles: A4 landscape, the title and page numbers in the page margins, table headers repeated on every page. */
const STYLE = `
@page { size: A4 landscape; margin: 16mm 12mm 16mm 12mm;
  @top-center { content: var(--title, ''); font-size: 9pt; color: #555; }
  @bottom-center { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font-size: 9pt; } }
body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #000; margin: 0; font-size: 10pt; }
.bulletin h1 { font-size: 18pt; text-align: center; margin: 0 0 4pt; }
.bulletin .meta { text-align: center; margin: 0 0 8pt; color: #333; }
.bulletin .foreword { white-space: pre-wrap; margin: 8pt 0 12pt; text-indent: 2em; }
.bulletin h2 { font-size: 13pt; margin: 14pt 0 6pt; }
.bulletin table { width: 100%; border-collapse: collapse; font-size: 9pt; }
.bulletin th, .bulletin td { border: 1px solid #777; padding: 2pt 4pt; text-align: left; vertical-align: top; word-break: break-word; }
.bulletin thead { display: table-header-group; }
.bulletin tr { break-inside: avoid; }
.bulletin tr.dept-row th { background: #eee; }
.bulletin td.num { text-align: right; white-space: nowrap; }
.bulletin .changed td { font-weight: bold; }
.bulletin .status-OFF_TRACK, .bulletin .status-MISSED { color: #b00; }
.bulletin .status-AT_RISK { color: #a60; }
.bulletin .empty { color: #555; }
`;

/** The bulletin as an HTML article (no page around it). */
export function bulletinArticle(b: Bulletin): string {
  const t = b.totals;
  const items = b.departments
    .map((d) => {
      const head = `<tr class="dept-row"><th colspan="${ITEM_HEADERS.length}">${esc(d.name)}　共 ${d.counts.total} 项：已完成 ${d.counts.achieved}，进度正常 ${d.counts.onTrack}，略低于进度 ${d.counts.atRisk}，落后 ${d.counts.offTrack}，未完成 ${d.counts.missed}，无数据 ${d.counts.noData}</th></tr>`;
      const rows = d.items
        .map(
          (i) =>
            `<tr class="item-row${i.changed ? ' changed' : ''}" data-item="${esc(i.itemKey)}" data-department="${esc(d.code)}"><td>${esc(i.name)}</td><td>${KIND_WORDS[i.kind] ?? i.kind}</td><td>${ROLE_WORDS[i.role] ?? i.role}</td>` +
            `<td class="num">${esc(value(i.actualValue, i.unit))}</td><td class="num">${esc(value(i.targetValue, i.unit))}</td><td class="num">${percent(i.ratio)}</td>` +
            `<td class="status-${i.status}">${status(i.status)}${i.provisional ? '（暂定）' : ''}</td><td>${i.changed || i.previousStatus ? status(i.previousStatus) : '—'}</td><td>${esc(i.explanation)}</td></tr>`,
        )
        .join('');
      return head + rows;
    })
    .join('');
  const texts = b.departments.flatMap((d) => d.progressTexts.map((p) => `<tr><td>${esc(d.name)}</td><td>${esc(p.name)}</td><td>${esc(p.text)}</td></tr>`)).join('');
  const overdue = b.departments.flatMap((d) => d.overdueSubmissions.map((o) => `<tr><td>${esc(d.name)}</td><td>${esc(o.name)}</td><td>${o.state ? LEDGER_WORDS[o.state] : '未填报'}</td></tr>`)).join('');
  const rect = b.departments
    .flatMap((d) => d.overdueRectifications.map((r) => `<tr><td>${esc(d.name)}</td><td>${r.seq}</td><td>${esc(r.problem)}</td><td>${r.deadlineYear ?? ''}年</td><td>${RECT_WORDS[r.status] ?? r.status}</td><td>${ROLE_WORDS[r.role] ?? r.role}</td></tr>`))
    .join('');
  const evals = b.departments
    .flatMap((d) => d.openEvaluations.map((e) => `<tr><td>${esc(d.name)}</td><td>${EVAL_KIND_WORDS[e.kind] ?? e.kind}</td><td>${esc(e.subject)}</td><td>${esc(e.measures)}</td><td>${EVAL_STATUS_WORDS[e.status] ?? e.status}</td></tr>`))
    .join('');
  const empty = (cols: number, text: string) => `<tr><td colspan="${cols}" class="empty">${text}</td></tr>`;
  const drift = b.changedSincePublished?.length
    ? `<h2>发布后数据变化</h2><p>本通报发布后，已审核数据发生以下变化（通报内容保持发布时原样）：</p><table class="changes-since"><thead><tr><th>事项</th><th>单位</th><th>发布时</th><th>现在</th><th>说明</th></tr></thead><tbody>${changeRows(b.changedSincePublished)}</tbody></table>`
    : '';
  return `<article class="bulletin">
<h1>${esc(b.title)}</h1>
<p class="meta">截至 ${esc(b.periodEnd)}　${esc(publicationLine(b))}</p>
${b.foreword ? `<p class="foreword">${esc(b.foreword)}</p>` : ''}
<p class="totals">全部 ${t.total} 项：已完成 ${t.achieved}，进度正常 ${t.onTrack}，略低于进度 ${t.atRisk}，落后于进度 ${t.offTrack}，未完成 ${t.missed}，无数据 ${t.noData}；完成率 ${percent(t.completionRate)}。</p>
<h2>一、各单位指标和专项目标进度</h2>
<table class="items"><thead><tr>${ITEM_HEADERS.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${items || empty(ITEM_HEADERS.length, '无')}</tbody></table>
<h2>二、重点工作进展</h2>
<table class="progress-texts"><thead><tr><th>单位</th><th>事项</th><th>工作进展</th></tr></thead><tbody>${texts || empty(3, '本月无已审核的工作进展')}</tbody></table>
<h2>三、逾期未报送台账</h2>
<table class="overdue-submissions"><thead><tr><th>单位</th><th>事项</th><th>情况</th></tr></thead><tbody>${overdue || empty(3, '无')}</tbody></table>
<h2>四、逾期整改事项</h2>
<table class="overdue-rectifications"><thead><tr><th>单位</th><th>序号</th><th>问题</th><th>整改时限</th><th>状态</th><th>角色</th></tr></thead><tbody>${rect || empty(6, '无')}</tbody></table>
<h2>五、未办结的评估与督查</h2>
<table class="open-evaluations"><thead><tr><th>单位</th><th>类别</th><th>评估或督查</th><th>绩效改进对策措施</th><th>状态</th></tr></thead><tbody>${evals || empty(5, '无')}</tbody></table>
<h2>六、与上期通报相比的变化${b.comparedWith ? `（${esc(b.comparedWith)}，第${b.comparedVersion}期）` : ''}</h2>
${b.comparedWith ? `<table class="changes"><thead><tr><th>事项</th><th>牵头单位</th><th>上期</th><th>本期</th><th>说明</th></tr></thead><tbody>${changeRows(b.changes) || empty(5, '无变化')}</tbody></table>` : '<p class="empty">此前没有已发布的通报，无可比较。</p>'}
${drift}
</article>`;
}

/** The bulletin as a whole printable page: the article, its styles, the title in the page header and page numbers in the footer. */
export function bulletinHtml(b: Bulletin): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(b.title)}</title><link rel="icon" href="data:,">
<style>${STYLE.replace("var(--title, '')", JSON.stringify(`${b.title}（截至 ${b.periodEnd}）`))}</style></head>
<body>${bulletinArticle(b)}</body></html>`;
}

/** The bulletin as a workbook: 进度 (every department's items), 工作进展, 逾期未报, 逾期整改, 变化. */
export async function bulletinXlsx(b: Bulletin): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Plan Hub';
  const sheet = (name: string, title: string, headers: string[], widths: number[]) => {
    const ws = wb.addWorksheet(name, { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    ws.addRow([title]).font = { bold: true, size: 14 };
    ws.addRow([`截至 ${b.periodEnd}　${publicationLine(b)}`]);
    const head = ws.addRow(headers);
    head.font = { bold: true };
    widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    ws.views = [{ state: 'frozen', ySplit: 3 }];
    ws.headerFooter.oddFooter = '第 &P 页 / 共 &N 页';
    return ws;
  };
  const items = sheet('进度', b.title, ['单位', '事项', '类别', '角色', '单位（计量）', '年内实际', '目标', '完成度', '状态', '暂定', '上期状态', '有变化', '说明'], [16, 36, 8, 6, 8, 12, 12, 9, 11, 6, 11, 7, 60]);
  for (const d of b.departments) {
    for (const i of d.items) {
      items.addRow([d.name, i.name, KIND_WORDS[i.kind], ROLE_WORDS[i.role], i.unit, i.actualValue, i.targetValue, i.ratio, STATUS_WORDS[i.status], i.provisional ? '是' : '', i.previousStatus ? STATUS_WORDS[i.previousStatus] : '', i.changed ? '是' : '', i.explanation]);
    }
  }
  items.getColumn(8).numFmt = '0.0%';
  if (b.foreword) items.spliceRows(3, 0, [b.foreword]);
  const texts = sheet('工作进展', '重点工作进展', ['单位', '事项', '工作进展'], [16, 36, 90]);
  for (const d of b.departments) for (const p of d.progressTexts) texts.addRow([d.name, p.name, p.text]);
  const overdue = sheet('逾期未报', '逾期未报送台账', ['单位', '事项', '情况'], [16, 50, 16]);
  for (const d of b.departments) for (const o of d.overdueSubmissions) overdue.addRow([d.name, o.name, o.state ? LEDGER_WORDS[o.state] : '未填报']);
  const rect = sheet('逾期整改', '逾期整改事项', ['单位', '序号', '问题', '整改时限', '状态', '角色'], [16, 6, 60, 10, 10, 6]);
  for (const d of b.departments) for (const r of d.overdueRectifications) rect.addRow([d.name, r.seq, r.problem, r.deadlineYear, RECT_WORDS[r.status] ?? r.status, ROLE_WORDS[r.role]]);
  const evals = sheet('评估督查', '未办结的评估与督查', ['单位', '类别', '评估或督查', '绩效改进对策措施', '状态'], [16, 10, 24, 70, 10]);
  for (const d of b.departments) for (const e of d.openEvaluations) evals.addRow([d.name, EVAL_KIND_WORDS[e.kind] ?? e.kind, e.subject, e.measures, EVAL_STATUS_WORDS[e.status] ?? e.status]);
  const changes = sheet('变化', b.comparedWith ? `与上期通报（${b.comparedWith}，第${b.comparedVersion}期）相比的变化` : '此前没有已发布的通报', ['事项', '单位', '上期', '本期', '说明'], [36, 20, 14, 14, 60]);
  for (const c of b.changes) changes.addRow([c.name, c.department, c.before, c.after, c.description]);
  if (b.changedSincePublished?.length) {
    const drift = sheet('发布后变化', '发布后数据变化（通报内容保持发布时原样）', ['事项', '单位', '发布时', '现在', '说明'], [36, 20, 14, 14, 60]);
    for (const c of b.changedSincePublished) drift.addRow([c.name, c.department, c.before, c.after, c.description]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The Chromium to print with: CHROMIUM_PATH, or `chromium` / `chromium-browser` / `google-chrome` on the PATH; null when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome']) if (existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

const noPdf = (why: string) =>
  new AppError(ErrorCode.SERVICE_UNAVAILABLE, `This server cannot render a PDF: ${why}. Download the HTML or XLSX instead, or print the bulletin page from the browser.`, { reason: 'PDF_UNAVAILABLE' });

/**
 * The bulletin printed to PDF by a headless Chromium (playwright-core drives it; nothing is fetched:
 * the page is set from the HTML, which loads nothing). SERVICE_UNAVAILABLE (reason PDF_UNAVAILABLE)
 * when the machine has no Chromium or playwright-core is not installed.
 */
export async function bulletinPdf(b: Bulletin, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  const executablePath = findChromium(env);
  if (!executablePath) throw noPdf('no Chromium found (set CHROMIUM_PATH, or install chromium)');
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw noPdf('playwright-core is not installed');
  }
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    // Nothing leaves the machine: the page has everything inline.
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(bulletinHtml(b), { waitUntil: 'load' });
    return Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  } finally {
    await browser.close();
  }
}

/** The bulletin in one format. */
export async function renderBulletin(b: Bulletin, format: BulletinFormat): Promise<Buffer> {
  if (format === 'html') return Buffer.from(bulletinHtml(b), 'utf8');
  if (format === 'xlsx') return bulletinXlsx(b);
  return bulletinPdf(b);
}

/** bulletin-2019-06.xlsx */
export const bulletinFileName = (b: Pick<Bulletin, 'month' | 'version'>, format: BulletinFormat) => `bulletin-${b.month}${b.version ? `-v${b.version}` : '-draft'}.${format}`;
