import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from './exceljs';
import type { Em } from '../orm';
import type { Services } from '../services';
import { Plan } from '../../schema/plans/plan.entity';
import { Department, DepartmentAlias } from '../../schema/departments/department.entity';
import { TransferFormat, TransferTable } from '../../schema/transfer/transfer.enums';
import { writeCell } from './cells';
import { StoredRows } from './stored';
import { departmentRows, idsBySeq } from '../db/rows';
import { fileProblem } from './problems';
import { LedgerEntry } from '../../schema/ledger/ledger-entry.entity';
import { LedgerItemKind } from '../../schema/ledger/ledger.inputs';
import { Indicator } from '../../schema/indicators/indicator.entity';
import { SpecialTarget } from '../../schema/special-targets/special-target.entity';
import { Milestone } from '../../schema/milestones/milestone.entity';
import { SortDirection } from '../../schema/common/sort';
import { isPlanTable, PLAN_TABLES, TABLES, type PlanTableSpec, type TableName, type TableSpec } from './tables';

/**
 * Exports: every table as CSV (UTF-8 with BOM, Chinese headers, formula-looking cells neutralised)
 * or XLSX (the same cells, one sheet), and any table or the whole plan as JSON. Rows are read a page
 * at a time and written as they come, so a table of any size takes bounded memory. What is exported
 * loads back unchanged (tests/transfer/roundtrip.test.ts).
 */

export const MIME: Record<TransferFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
};

const PAGE = 1000;
type Values = Record<string, unknown>;

export interface ExportTarget {
  table: TransferTable;
  format: TransferFormat;
  planCode?: string | null;
}

export interface ExportInfo {
  filename: string;
  rowCount: number;
}

export class Exporter {
  private departments = new Map<number, { name: string; code: string }>();

  constructor(
    private readonly em: Em,
    private readonly services: Services,
  ) {}

  /** The plan a plan table or the whole plan comes from: planCode, else the newest. */
  private async plan(planCode?: string | null): Promise<Plan> {
    return this.services.plans.resolve(planCode ?? null, 'planCode');
  }

  /** Writes the export to `out`, ends it, and says what it was. */
  async write(target: ExportTarget, out: Writable): Promise<ExportInfo> {
    const { table, format } = target;
    if (table === TransferTable.ALL && format !== TransferFormat.JSON) throw fileProblem('the whole plan exports as JSON; CSV and XLSX hold one table each');
    this.departments = new Map((await departmentRows(this.em)).map((d) => [d.id, { name: d.name, code: d.code }]));

    if (table === TransferTable.ALL) {
      const plan = await this.plan(target.planCode);
      const count = await this.wholePlan(plan, out);
      out.end();
      return { filename: `${plan.code}.json`, rowCount: count };
    }
    const spec = TABLES[table as TableName];
    const plan = isPlanTable(spec) || spec.name === TransferTable.LEDGER ? await this.plan(target.planCode) : null;
    const pages = spec.name === TransferTable.LEDGER ? this.ledgerPages(plan!) : this.pages(spec, plan);
    const base = plan ? `${plan.code}-${spec.slug}` : spec.slug;
    let count = 0;
    if (format === TransferFormat.CSV) count = await writeCsv(spec, pages, out);
    else if (format === TransferFormat.XLSX) count = await writeXlsx(spec, pages, out);
    else count = await writeJsonTable(spec, plan?.code ?? null, pages, out);
    if (format !== TransferFormat.XLSX) out.end();
    return { filename: `${base}.${format}`, rowCount: count };
  }

  /** Pages of rows as values by field (responsibilities with department names, links as seqs). */
  async *pages(spec: TableSpec, plan: Plan | null): AsyncGenerator<Values[]> {
    if (spec.name === TransferTable.PLANS) {
      const plans = await this.em.find(Plan, {}, { orderBy: { startYear: 'asc', code: 'asc' } });
      yield plans.map((p) => planValues(p));
      return;
    }
    if (spec.name === TransferTable.DEPARTMENTS) {
      let after = '';
      for (;;) {
        const page = await this.em.find(Department, { code: { $gt: after } }, { orderBy: { code: 'asc' }, limit: PAGE });
        if (!page.length) return;
        const aliases = await this.em.find(DepartmentAlias, { department: { $in: page.map((d) => d.id) } }, { orderBy: { id: 'asc' } });
        yield page.map((d) => ({ code: d.code, name: d.name, nameEn: d.nameEn, aliases: aliases.filter((a) => a.department.id === d.id).map((a) => a.alias) }));
        after = page[page.length - 1].code;
        this.em.clear();
      }
    }
    const item = spec as PlanTableSpec;
    let seqOf: Map<number, number> | null = null;
    if (item.name === TransferTable.SPECIAL_TARGETS) {
      seqOf = new Map([...(await idsBySeq(this.em, 'Indicator', plan!.id)).entries()].map(([seq, id]) => [id, seq]));
    }
    const stored = new StoredRows(this.em, item);
    let after = 0;
    for (;;) {
      const page = await stored.page(plan!.id, after, PAGE);
      if (!page.length) return;
      yield page.map((row) => {
        const values: Values = { seq: row.seq, ...row.values };
        values.responsibilities = row.responsibilities.map((r) => ({ department: this.departments.get(r.departmentId)?.name ?? String(r.departmentId), role: r.role, note: r.note, ...(r.noteEn ? { noteEn: r.noteEn } : {}) }));
        if (seqOf) values.indicators = row.indicatorIds.map((id) => seqOf!.get(id)!).sort((a, b) => a - b);
        if (item.name === TransferTable.SPECIAL_TARGETS) values.milestones = row.milestones;
        values.planCode = plan!.code;
        return values;
      });
      after = page[page.length - 1].seq;
    }
  }

  /**
   * The ledger entries of the plan's items that the reader may see (LedgerService.list applies
   * ledger.access.ts), as a department's spreadsheet names them: kind, plan numbers, department, period.
   */
  async *ledgerPages(plan: Plan): AsyncGenerator<Values[]> {
    for (let offset = 0; ; offset += PAGE) {
      const { items } = await this.services.ledger.list({}, [{ field: 'id', direction: SortDirection.ASC }], PAGE, offset);
      if (!items.length) return;
      const ids = (pick: (e: LedgerEntry) => { id: number } | null | undefined) => [...new Set(items.flatMap((e) => (pick(e) ? [pick(e)!.id] : [])))];
      const milestones = await this.em.find(Milestone, { id: { $in: ids((e) => e.milestone) } });
      const targetIds = [...new Set([...ids((e) => e.specialTarget), ...milestones.map((m) => m.specialTarget.id)])];
      const indicators = new Map((await this.em.find(Indicator, { id: { $in: ids((e) => e.indicator) }, plan: plan.id })).map((r) => [r.id, r.seq]));
      const targets = new Map((await this.em.find(SpecialTarget, { id: { $in: targetIds }, plan: plan.id })).map((r) => [r.id, r.seq]));
      const milestoneOf = new Map(milestones.map((m) => [m.id, { seq: m.seq, target: targets.get(m.specialTarget.id) }]));
      const rows: Values[] = [];
      for (const e of items) {
        const common = { department: this.departments.get(e.department.id)?.name ?? null, period: e.period, actualValue: e.actualValue ?? null, progressText: e.progressText ?? null };
        if (e.indicator && indicators.has(e.indicator.id)) rows.push({ itemKind: LedgerItemKind.INDICATOR, itemSeq: indicators.get(e.indicator.id)!, milestoneSeq: null, ...common });
        else if (e.specialTarget && targets.has(e.specialTarget.id)) rows.push({ itemKind: LedgerItemKind.SPECIAL_TARGET, itemSeq: targets.get(e.specialTarget.id)!, milestoneSeq: null, ...common });
        else if (e.milestone && milestoneOf.get(e.milestone.id)?.target != null) {
          const m = milestoneOf.get(e.milestone.id)!;
          rows.push({ itemKind: LedgerItemKind.MILESTONE, itemSeq: m.target!, milestoneSeq: m.seq, ...common });
        }
      }
      this.em.clear();
      yield rows;
      if (items.length < PAGE) return;
    }
  }

  /** { format, plan, departments, indicators, … }: everything one plan needs, loadable into an empty hub. */
  private async wholePlan(plan: Plan, out: Writable): Promise<number> {
    let count = 0;
    await put(out, `{\n  "format": "plan-hub/plan@1",\n  "plan": ${JSON.stringify(planValues(plan))}`);
    for (const name of [TransferTable.DEPARTMENTS, ...PLAN_TABLES] as TableName[]) {
      const spec = TABLES[name];
      await put(out, `,\n  "${name}": [`);
      let first = true;
      for await (const page of this.pages(spec, plan)) {
        for (const values of page) {
          await put(out, `${first ? '' : ','}\n    ${JSON.stringify(jsonRow(spec, values))}`);
          first = false;
          count++;
        }
      }
      await put(out, first ? ']' : '\n  ]');
    }
    await put(out, '\n}\n');
    return count;
  }
}

function planValues(p: Plan): Values {
  return { code: p.code, name: p.name, nameEn: p.nameEn, startYear: p.startYear, endYear: p.endYear, publishedOn: p.publishedOn ?? null, source: p.source ?? null };
}

/** A row as JSON carries it: API field names and values; notes inside the responsibilities. */
function jsonRow(spec: TableSpec, values: Values): Values {
  const out: Values = {};
  for (const c of spec.columns) {
    if (c.kind.type === 'notes' || c.kind.type === 'planCode') continue;
    if (values[c.field] !== undefined) out[c.field] = values[c.field];
  }
  return out;
}

/** The columns a spreadsheet (CSV, XLSX) carries: all but the JSON-only ones (milestones). */
const sheetColumns = (spec: TableSpec) => spec.columns.filter((c) => !c.jsonOnly);

/** A row as spreadsheet cells, in the table's column order. */
function cells(spec: TableSpec, values: Values): (string | number)[] {
  return sheetColumns(spec).map((c) => writeCell(c.kind, c.kind.type === 'notes' ? values.responsibilities : values[c.field]));
}

async function put(out: Writable, text: string | Buffer) {
  if (!out.write(text)) await once(out, 'drain');
}

async function writeCsv(spec: TableSpec, pages: AsyncGenerator<Values[]>, out: Writable): Promise<number> {
  const options = { record_delimiter: 'windows' as const };
  await put(out, '\uFEFF' + stringify([sheetColumns(spec).map((c) => c.header)], options));
  let count = 0;
  for await (const page of pages) {
    await put(out, stringify(page.map((v) => cells(spec, v).map(String)), options));
    count += page.length;
  }
  return count;
}

async function writeXlsx(spec: TableSpec, pages: AsyncGenerator<Values[]>, out: Writable): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(spec.label, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = sheetColumns(spec).map((c) => ({ header: c.header, key: c.field, width: c.width ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let count = 0;
  for await (const page of pages) {
    for (const v of page) {
      const row = sheet.addRow(cells(spec, v).map((x) => (x === '' ? null : x)));
      row.alignment = { vertical: 'top', wrapText: true };
      row.commit();
      count++;
    }
  }
  sheet.commit();
  // The workbook writer ends `out` itself when it commits.
  await workbook.commit();
  return count;
}

async function writeJsonTable(spec: TableSpec, planCode: string | null, pages: AsyncGenerator<Values[]>, out: Writable): Promise<number> {
  await put(out, `{\n  "format": "plan-hub/table@1",\n  "table": "${spec.name}",${planCode ? `\n  "planCode": ${JSON.stringify(planCode)},` : ''}\n  "rows": [`);
  let count = 0;
  for await (const page of pages) {
    for (const values of page) {
      await put(out, `${count ? ',' : ''}\n    ${JSON.stringify(jsonRow(spec, values))}`);
      count++;
    }
  }
  await put(out, count ? '\n  ]\n}\n' : ']\n}\n');
  return count;
}
