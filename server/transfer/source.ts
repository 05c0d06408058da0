import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { isUtf8 } from 'node:buffer';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { TransferFormat } from '../../schema/transfer/transfer.enums';
import { fileProblem } from './problems';

/** The bytes of an uploaded or local file: the first bytes for sniffing, and a stream of all of them. */
export interface ByteSource {
  name: string;
  size: number;
  head: Buffer;
  stream(): Readable;
}

const HEAD = 64 * 1024;

export function bufferSource(bytes: Buffer, name = 'upload'): ByteSource {
  return { name, size: bytes.length, head: bytes.subarray(0, HEAD), stream: () => Readable.from([bytes], { objectMode: false }) };
}

export function fileSource(path: string): ByteSource {
  const size = statSync(path).size;
  const head = Buffer.alloc(Math.min(HEAD, size));
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  return { name: path, size, head, stream: () => createReadStream(path, { highWaterMark: 1 << 20 }) };
}

/** Refuses a file over the limit before reading it. */
export function checkSize(source: ByteSource, maxBytes: number, setting: string) {
  if (source.size > maxBytes) {
    throw fileProblem(`the file is ${megabytes(source.size)}, over the import limit of ${megabytes(maxBytes)} (${setting}); split it, or raise the limit`);
  }
}

export function megabytes(n: number): string {
  return n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GB` : n >= 1024 ** 2 ? `${(n / 1024 ** 2).toFixed(1)} MB` : `${(n / 1024).toFixed(1)} KB`;
}

/** The format from the file name, else from the first bytes. */
export function detectFormat(source: ByteSource, given?: TransferFormat | null): TransferFormat {
  const head = source.head;
  const isZip = head.length >= 4 && head.readUInt32LE(0) === 0x04034b50;
  const isOle = head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
  if (isOle) throw fileProblem('this is an Excel 97–2003 (.xls) file; save it as .xlsx (Excel Workbook) or CSV UTF-8 and load that');
  if (given) {
    if (given !== TransferFormat.XLSX && isZip) throw fileProblem(`the file is an XLSX workbook (a zip), not ${given.toUpperCase()}; load it as xlsx`);
    if (given === TransferFormat.XLSX && !isZip && source.size > 0) throw fileProblem('the file is not an XLSX workbook (XLSX files are zip archives); save it from Excel as .xlsx, or load it as csv');
    return given;
  }
  const ext = /\.([a-z0-9]+)$/i.exec(source.name)?.[1]?.toLowerCase();
  if (ext === 'xlsx' || isZip) return TransferFormat.XLSX;
  if (ext === 'json') return TransferFormat.JSON;
  if (ext === 'csv' || ext === 'txt' || ext === 'tsv') return TransferFormat.CSV;
  const text = head.subarray(0, 256).toString('latin1').replace(/^\xef\xbb\xbf/, '').trimStart();
  return text.startsWith('{') || text.startsWith('[') ? TransferFormat.JSON : TransferFormat.CSV;
}

export interface TextEncoding {
  /** As reported: UTF-8, UTF-8 with BOM, GB18030, UTF-16LE, UTF-16BE. */
  name: string;
  decoder: 'utf8' | 'gb18030' | 'utf16le' | 'utf16be';
  bom: number;
}

/**
 * UTF-8 (with or without BOM) is read as is; UTF-16 with a BOM (Excel's "Unicode text") is decoded;
 * GB18030/GBK (what Chinese Excel writes for "CSV") is recognised with chardet and decoded. Anything
 * else is refused with what it looks like and how to save it right.
 */
export function detectEncoding(head: Buffer): TextEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { name: 'UTF-8 with BOM', decoder: 'utf8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { name: 'UTF-16LE', decoder: 'utf16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { name: 'UTF-16BE', decoder: 'utf16be', bom: 2 };
  if (head.includes(0)) throw fileProblem('this is not a text file (it holds NUL bytes): expected CSV text, an XLSX workbook or JSON');
  if (isUtf8Head(head)) return { name: 'UTF-8', decoder: 'utf8', bom: 0 };
  const guesses = chardet.analyse(head);
  const top = guesses[0];
  const gb = guesses.find((g) => g.name === 'GB18030');
  if (top && gb && top.name === 'GB18030' && gb.confidence >= 50) return { name: 'GB18030', decoder: 'gb18030', bom: 0 };
  const looks = top ? ` (it looks like ${top.name}, ${top.confidence}% sure)` : '';
  throw fileProblem(`the file is neither UTF-8 nor GB18030${looks}; in Excel choose Save As → "CSV UTF-8 (Comma delimited)" and load that`);
}

/** How many bytes at the end start a character that the buffer cuts off (0 to 3). */
function partialTail(buf: Buffer): number {
  for (let i = 1; i <= 3 && i <= buf.length; i++) {
    const b = buf[buf.length - i];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return need > i ? i : 0;
    }
    return 0;
  }
  return 0;
}

/** Valid UTF-8, allowing a character cut off at the end of a sample. */
function isUtf8Head(head: Buffer): boolean {
  return isUtf8(head.subarray(0, head.length - partialTail(head)));
}

/**
 * Bytes in, UTF-8 bytes out: UTF-8 passes through after its BOM (checked, so a file with a stray
 * byte sequence is refused with its offset); GB18030 and UTF-16 are decoded.
 */
export function decodeStream(encoding: TextEncoding): Transform {
  let skip = encoding.bom;
  const dropBom = (chunk: Buffer) => {
    if (!skip) return chunk;
    const cut = Math.min(skip, chunk.length);
    skip -= cut;
    return chunk.subarray(cut);
  };
  if (encoding.decoder === 'utf8') {
    let offset = 0;
    let carry: Buffer = Buffer.alloc(0);
    return new Transform({
      transform(chunk: Buffer, _enc, done) {
        chunk = dropBom(chunk);
        const all = carry.length ? Buffer.concat([carry, chunk]) : chunk;
        const end = all.length - partialTail(all);
        if (!isUtf8(all.subarray(0, end))) {
          return done(fileProblem(`the file is not valid UTF-8 (a bad byte sequence within bytes ${offset}–${offset + end}): part of it was saved in another encoding; save the whole file as "CSV UTF-8"`));
        }
        offset += end;
        carry = Buffer.from(all.subarray(end));
        done(null, end ? all.subarray(0, end) : undefined);
      },
      flush(done) {
        if (carry.length) return done(fileProblem('the file is not valid UTF-8: it ends in the middle of a character'));
        done();
      },
    });
  }
  const decoder = iconv.getDecoder(encoding.decoder);
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const text = decoder.write(dropBom(chunk));
      done(null, text ? Buffer.from(text, 'utf8') : undefined);
    },
    flush(done) {
      const rest = decoder.end();
      done(null, rest ? Buffer.from(rest, 'utf8') : undefined);
    },
  });
}
