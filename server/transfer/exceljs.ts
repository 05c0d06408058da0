import { createRequire, Module } from 'node:module';
import { Readable } from 'node:stream';
import type ExcelJSType from 'exceljs';

/**
 * exceljs, with its streaming reader's text decoding fixed.
 *
 * exceljs 4.4's streaming reader (stream.xlsx.WorkbookReader, the only way to read a large
 * workbook in bounded memory) decodes each zip chunk of XML on its own
 * (lib/utils/parse-sax.js: `bufferToString(chunk)`), so a Chinese character that straddles two
 * chunks turns into U+FFFD, silently: 1 row in 1,000 of a 100,000-indicator export, 1 in 50 with
 * long names. Its in-memory reader
 * is correct but takes ≈800 MB and 30 s for 100,000 rows. This module installs a parse-sax that
 * decodes with one streaming TextDecoder before exceljs is first loaded, and checks on first use
 * that the fix is in effect (it is not if something loaded exceljs earlier); if not, XLSX files are
 * read with the in-memory reader instead. Remove it when exceljs decodes chunks correctly.
 */

const require = createRequire(import.meta.url);
const parseSaxPath = require.resolve('exceljs/lib/utils/parse-sax.js');

if (!require.cache[parseSaxPath] && !require.cache[require.resolve('exceljs')]) {
  const local = createRequire(parseSaxPath);
  const { SaxesParser } = local('saxes') as { SaxesParser: new () => { on(e: string, f: (v: unknown) => void): void; write(s: string): void } };
  const { PassThrough } = local('readable-stream') as { PassThrough: new () => NodeJS.ReadWriteStream };
  async function* parseSax(input: AsyncIterable<Buffer | string> & { pipe?: unknown }) {
    let iterable: AsyncIterable<Buffer | string> = input;
    if (typeof input.pipe === 'function' && !(Symbol.asyncIterator in input)) iterable = (input as unknown as NodeJS.ReadableStream).pipe(new PassThrough()) as never;
    const parser = new SaxesParser();
    const decoder = new TextDecoder('utf-8');
    let error: unknown;
    parser.on('error', (e) => (error = e));
    let events: { eventType: string; value: unknown }[] = [];
    parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
    parser.on('text', (value) => events.push({ eventType: 'text', value }));
    parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
    for await (const chunk of iterable) {
      parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
      if (error) throw error;
      yield events;
      events = [];
    }
  }
  const module = new Module(parseSaxPath);
  module.filename = parseSaxPath;
  module.loaded = true;
  module.exports = parseSax;
  require.cache[parseSaxPath] = module;
}

const ExcelJS = require('exceljs') as typeof ExcelJSType;
export default ExcelJS;

let streamingWorks: Promise<boolean> | null = null;

/** Whether the streaming reader reads a sheet of Chinese text back intact in this process (checked once). */
export function streamingReaderWorks(): Promise<boolean> {
  streamingWorks ??= (async () => {
    const text = '滨江区绩效管理规划'.repeat(4000); // ≈108 KB of UTF-8 in one cell: many chunks
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('check').addRow([text]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), { sharedStrings: 'cache', worksheets: 'emit', entries: 'emit', styles: 'ignore', hyperlinks: 'ignore' });
    for await (const sheet of reader as AsyncIterable<AsyncIterable<ExcelJSType.Row>>) {
      for await (const row of sheet) if ((row.values as unknown[])[1] !== text) return false;
    }
    return true;
  })();
  return streamingWorks;
}
