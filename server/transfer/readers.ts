import { parse as parseCsv, CsvError } from 'csv-parse';
import type { Row as XlsxRow } from 'exceljs';
import ExcelJS, { streamingReaderWorks } from './exceljs';
import iconv from 'iconv-lite';
import { TransferFormat, TransferTable } from '../../schema/transfer/transfer.enums';
import { AppError } from '../errors';
import { fileProblem } from './problems';
import { decodeStream, detectEncoding, type ByteSource } from './source';
import { headerKey, parseTableName, TABLES, LOAD_ORDER, type TableName } from './tables';

/** A row of a file: its number as the spreadsheet shows it (JSON: the item number) and its cells. */
export interface SourceRow {
  rowNo: number;
  cells: unknown[];
}

/** One table's rows; the first row yielded is the header. */
export interface TableSource {
  table: TableName;
  rows: AsyncIterable<SourceRow>;
  /** CSV and XLSX: a leading ' before a formula-looking text is the export's guard, taken off again. JSON: values as they are. */
  spreadsheet: boolean;
}

export interface ParsedFile {
  format: TransferFormat;
  encoding: string | null;
  /** In load order. */
  tables: TableSource[];
  /** A whole-plan document's plan, already as a plans-table source. */
  whole: boolean;
}

/**
 * Opens a file as table sources. CSV and XLSX are streamed row by row (bounded memory whatever the
 * size); JSON is parsed whole (the size limit bounds it).
 */
export async function openFile(source: ByteSource, format: TransferFormat, table: TransferTable): Promise<ParsedFile> {
  if (source.size === 0) throw fileProblem('the file is empty');
  if (format === TransferFormat.JSON) return openJson(source, table);
  if (table === TransferTable.ALL) throw fileProblem(`a ${format.toUpperCase()} file holds one table: choose which one (the whole plan travels as JSON)`);
  if (format === TransferFormat.CSV) {
    const encoding = detectEncoding(source.head);
    return { format, encoding: encoding.name, whole: false, tables: [{ table, rows: csvRows(source, encoding), spreadsheet: true }] };
  }
  return { format, encoding: null, whole: false, tables: [{ table, rows: xlsxRows(source, table), spreadsheet: true }] };
}

/** The delimiter the first line uses most: comma, semicolon (European Excel) or tab. */
function sniffDelimiter(head: string): string {
  const line = head.split(/\r?\n/, 1)[0].replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, line.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ',';
}

async function* csvRows(source: ByteSource, encoding: ReturnType<typeof detectEncoding>): AsyncGenerator<SourceRow> {
  const headText = encoding.decoder === 'utf8' ? source.head.toString('utf8') : iconv.decode(source.head, encoding.decoder);
  const delimiter = sniffDelimiter(headText.replace(/^\uFEFF/, ''));
  const input = source.stream();
  const decoded = input.pipe(decodeStream(encoding));
  input.on('error', (e) => decoded.destroy(e));
  const parser = decoded.pipe(parseCsv({ delimiter, relax_column_count: true }));
  decoded.on('error', (e) => parser.destroy(e));
  let rowNo = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNo++;
      yield { rowNo, cells: record };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof CsvError) throw fileProblem(`the CSV is malformed near row ${rowNo + 1}: ${error.message.replace(/^Invalid (Opening|Closing) Quote: /, '')}`);
    throw error;
  } finally {
    input.destroy();
  }
}

/**
 * The first sheet (or the one named for the table; sheets named for other tables are skipped),
 * streamed row by row. Cell values are exceljs's: numbers, text, Dates for date-formatted cells,
 * { formula, result } for formulas, so cells can be refused for what Excel made of them.
 */
async function* xlsxRows(source: ByteSource, table: TableName): AsyncGenerator<SourceRow> {
  const sheets = (await streamingReaderWorks()) ? streamSheets(source) : loadSheets(source);
  let found = false;
  try {
    for await (const sheet of sheets) {
      const named = sheet.name ? sheetTable(sheet.name) : null;
      if (named && named !== table) {
        for await (const _ of sheet.rows); // the streaming reader moves on only once a sheet is read
        continue;
      }
      found = true;
      for await (const row of sheet.rows) {
        const values = row.values as unknown[];
        const cells: unknown[] = [];
        for (let i = 1; i < values.length; i++) cells.push(values[i] ?? null);
        yield { rowNo: row.number, cells };
      }
      break;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw fileProblem(`not a readable XLSX workbook (${(error as Error).message}); open it in Excel and save it again as .xlsx`);
  }
  if (!found) throw fileProblem(`the workbook has no sheet for ${TABLES[table].label} (${table})`);
}

type Sheet = { name?: string; rows: AsyncIterable<XlsxRow> | Iterable<XlsxRow> };

/** exceljs's streaming reader: bounded memory. */
async function* streamSheets(source: ByteSource): AsyncGenerator<Sheet> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source.stream(), {
    sharedStrings: 'cache',
    styles: 'cache', // dates are numbers with a date style: the style tells them apart
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  for await (const sheet of reader as AsyncIterable<AsyncIterable<XlsxRow> & { name?: string }>) {
    yield { name: sheet.name, rows: sheet };
  }
}

/** The in-memory reader, where the streaming one cannot be trusted in this process (see exceljs.ts). */
async function* loadSheets(source: ByteSource): AsyncGenerator<Sheet> {
  const chunks: Buffer[] = [];
  for await (const chunk of source.stream()) chunks.push(chunk as Buffer);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as never);
  for (const ws of workbook.worksheets) {
    const rows: XlsxRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row) => rows.push(row));
    yield { name: ws.name, rows };
  }
}

function sheetTable(name: string): TransferTable | null {
  try {
    return parseTableName(name);
  } catch {
    return null;
  }
}

async function readText(source: ByteSource): Promise<{ text: string; encoding: string }> {
  const encoding = detectEncoding(source.head);
  const chunks: Buffer[] = [];
  for await (const chunk of source.stream().pipe(decodeStream(encoding))) chunks.push(chunk as Buffer);
  return { text: Buffer.concat(chunks).toString('utf8'), encoding: encoding.name };
}

/**
 * JSON in three shapes: an array of rows (of the table asked for); { table, planCode, rows } as
 * exports write one table; or the whole plan { format, plan, departments, indicators, … }.
 */
async function openJson(source: ByteSource, requested: TransferTable): Promise<ParsedFile> {
  const { text, encoding } = await readText(source);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw fileProblem(`not valid JSON: ${(e as Error).message}`);
  }
  const parsed = (tables: TableSource[], whole: boolean): ParsedFile => ({ format: TransferFormat.JSON, encoding, tables, whole });
  if (Array.isArray(doc)) {
    if (requested === TransferTable.ALL) throw fileProblem('a JSON array holds the rows of one table: choose which one, or load a whole-plan document');
    return parsed([jsonTable(requested, doc, '')], false);
  }
  if (!doc || typeof doc !== 'object') throw fileProblem('expected a JSON object or array');
  const o = doc as Record<string, unknown>;
  if (Array.isArray(o.rows)) {
    const own = typeof o.table === 'string' ? parseTableName(o.table, 'file.table') : requested;
    if (own === TransferTable.ALL) throw fileProblem('"table" must name one table');
    if (requested !== TransferTable.ALL && own !== requested) throw fileProblem(`the file holds ${own}, not ${requested}`);
    const rows = typeof o.planCode === 'string' ? o.rows.map((r) => (r && typeof r === 'object' && !Array.isArray(r) ? { planCode: o.planCode, ...r } : r)) : o.rows;
    return parsed([jsonTable(own as TableName, rows, 'rows')], false);
  }
  // A whole-plan document.
  const unknown = Object.keys(o).filter((k) => !['format', 'plan', 'exportedFrom'].includes(k) && !LOAD_ORDER.includes(k as TableName));
  if (unknown.length) throw fileProblem(`unknown keys in the plan document: ${unknown.join(', ')}; expected plan, ${LOAD_ORDER.filter((t) => t !== 'plans').join(', ')}`);
  const planCode = o.plan && typeof o.plan === 'object' ? (o.plan as Record<string, unknown>).code : undefined;
  const wanted = requested === TransferTable.ALL ? LOAD_ORDER : [requested as TableName];
  const tables: TableSource[] = [];
  for (const t of wanted) {
    if (t === TransferTable.PLANS) {
      if (o.plan != null) tables.push(jsonTable(t, [o.plan], 'plan'));
      continue;
    }
    const rows = o[t];
    if (rows == null) continue;
    if (!Array.isArray(rows)) throw fileProblem(`"${t}" must be an array of rows`);
    const withPlan = t !== TransferTable.DEPARTMENTS && typeof planCode === 'string' ? rows.map((r) => (r && typeof r === 'object' && !Array.isArray(r) ? { planCode, ...r } : r)) : rows;
    tables.push(jsonTable(t, withPlan, t));
  }
  if (!tables.length) throw fileProblem(requested === TransferTable.ALL ? 'the document holds no tables' : `the document has no "${requested}"`);
  return parsed(tables, requested === TransferTable.ALL);
}

/** JSON rows as a header (every key met, in order) and cells. */
function jsonTable(table: TableName, rows: unknown[], path: string): TableSource {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const [i, row] of rows.entries()) {
    if (!row || typeof row !== 'object' || Array.isArray(row)) throw fileProblem(`${path ? `${path}[${i}]` : `item ${i + 1}`} is not an object`);
    for (const k of Object.keys(row)) {
      if (!seen.has(headerKey(k))) {
        seen.add(headerKey(k));
        keys.push(k);
      }
    }
  }
  async function* iterate(): AsyncGenerator<SourceRow> {
    yield { rowNo: 0, cells: keys };
    for (const [i, row] of rows.entries()) {
      const r = row as Record<string, unknown>;
      yield { rowNo: i + 1, cells: keys.map((k) => (k in r ? r[k] : undefined)) };
    }
  }
  return { table, rows: iterate(), spreadsheet: false };
}
