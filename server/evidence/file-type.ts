import { open } from 'node:fs/promises';

/**
 * The kinds of file evidence may be, told by their content (magic numbers, the ZIP directory of Office
 * files, the stream names of legacy Office files), never by the type the browser declared: the name's
 * extension says what the file claims to be, and the content must be that. A file is downloaded under
 * its name, so a program renamed 报告.pdf would open as a program: it is refused.
 */
export interface EvidenceKind {
  /** Extensions that claim this kind, lower case. */
  extensions: string[];
  contentType: string;
  label: string;
}

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const utf16 = (s: string) => Buffer.from(s, 'utf16le');

/** Legacy Office files are OLE2 containers; each names its main stream in the container's directory. */
const OLE_STREAMS: Record<string, Buffer[]> = {
  doc: [utf16('WordDocument')],
  xls: [utf16('Workbook'), utf16('Book\u0000')],
  ppt: [utf16('PowerPoint Document')],
};
/** Office Open XML files are ZIP archives with [Content_Types].xml and their main part under this folder. */
const OOXML_FOLDERS: Record<string, string> = { docx: 'word/', xlsx: 'xl/', pptx: 'ppt/' };

export const EVIDENCE_KINDS: EvidenceKind[] = [
  { extensions: ['pdf'], contentType: 'application/pdf', label: 'PDF' },
  { extensions: ['png'], contentType: 'image/png', label: 'PNG image' },
  { extensions: ['jpg', 'jpeg'], contentType: 'image/jpeg', label: 'JPEG image' },
  { extensions: ['gif'], contentType: 'image/gif', label: 'GIF image' },
  { extensions: ['webp'], contentType: 'image/webp', label: 'WebP image' },
  { extensions: ['docx'], contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word document (.docx)' },
  { extensions: ['xlsx'], contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel workbook (.xlsx)' },
  { extensions: ['pptx'], contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', label: 'PowerPoint presentation (.pptx)' },
  { extensions: ['doc'], contentType: 'application/msword', label: 'Word 97–2003 document (.doc)' },
  { extensions: ['xls'], contentType: 'application/vnd.ms-excel', label: 'Excel 97–2003 workbook (.xls)' },
  { extensions: ['ppt'], contentType: 'application/vnd.ms-powerpoint', label: 'PowerPoint 97–2003 presentation (.ppt)' },
  { extensions: ['txt'], contentType: 'text/plain', label: 'text file' },
  { extensions: ['csv'], contentType: 'text/csv', label: 'CSV file' },
];

export const ALLOWED_TYPES_TEXT = 'PDF, images (.png .jpg .jpeg .gif .webp), Office documents (.docx .xlsx .pptx .doc .xls .ppt) and text (.txt .csv)';

export function kindOfExtension(ext: string): EvidenceKind | undefined {
  return EVIDENCE_KINDS.find((k) => k.extensions.includes(ext));
}

const HEAD_BYTES = 8192;
const startsWith = (head: Buffer, bytes: number[] | Buffer, at = 0) => head.length >= at + bytes.length && Buffer.from(bytes).equals(head.subarray(at, at + bytes.length));

/** What a file's first bytes look like, for the message when they are not what its name says. */
export function describeContent(head: Buffer): string | null {
  const ascii = head.subarray(0, 16).toString('latin1');
  if (head.subarray(0, 1024).includes('%PDF-')) return 'a PDF';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'a PNG image';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'a JPEG image';
  if (/^GIF8[79]a/.test(ascii)) return 'a GIF image';
  if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') return 'a WebP image';
  if (startsWith(head, OLE)) return 'a legacy Office (OLE2) file';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'a ZIP archive';
  if (ascii.startsWith('MZ')) return 'a Windows program (EXE/DLL)';
  if (startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) return 'a Linux program (ELF)';
  if (ascii.startsWith('#!')) return 'a script';
  if (ascii.startsWith('Rar!') || startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) || startsWith(head, [0x1f, 0x8b])) return 'a compressed archive';
  if (/^\s*</.test(head.subarray(0, 512).toString('latin1'))) return 'HTML or XML';
  return null;
}

/**
 * Watches a file's bytes as they stream in (nothing but the first 8 KB is kept): its head, the
 * stream names of legacy Office files, and for text files whether any control character or invalid
 * UTF-8 occurs.
 */
export class ContentSniffer {
  private headChunks: Buffer[] = [];
  private headLength = 0;
  private carry = Buffer.alloc(0);
  private readonly needles: Buffer[];
  private needleFound = false;
  private readonly text: boolean;
  private controlAt = -1;
  private seen = 0;
  private utf8: TextDecoder | null = new TextDecoder('utf-8', { fatal: true });
  private isUtf8 = true;

  constructor(readonly kind: EvidenceKind) {
    this.needles = OLE_STREAMS[kind.extensions[0]] ?? [];
    this.text = kind.extensions[0] === 'txt' || kind.extensions[0] === 'csv';
  }

  update(chunk: Buffer): void {
    if (this.headLength < HEAD_BYTES) {
      const take = chunk.subarray(0, HEAD_BYTES - this.headLength);
      this.headChunks.push(take);
      this.headLength += take.length;
    }
    if (this.needles.length && !this.needleFound) {
      const window = Buffer.concat([this.carry, chunk]);
      this.needleFound = this.needles.some((n) => window.includes(n));
      this.carry = window.subarray(Math.max(0, window.length - 64));
    }
    if (this.text) {
      if (this.controlAt < 0) {
        for (let i = 0; i < chunk.length; i++) {
          const b = chunk[i];
          if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f) {
            this.controlAt = this.seen + i;
            break;
          }
        }
      }
      if (this.utf8) {
        try {
          this.utf8.decode(chunk, { stream: true });
        } catch {
          this.isUtf8 = false;
          this.utf8 = null;
        }
      }
    }
    this.seen += chunk.length;
  }

  get head(): Buffer {
    if (this.headChunks.length > 1) this.headChunks = [Buffer.concat(this.headChunks)];
    return this.headChunks[0] ?? Buffer.alloc(0);
  }

  /**
   * The content type to store, or why the content is not what the extension claims. `path` is the
   * whole file, staged on disk, for the ZIP directory of Office Open XML files.
   */
  async verdict(path: string, size: number): Promise<{ contentType: string } | { problem: string }> {
    const head = this.head;
    const ext = this.kind.extensions[0];
    const ok = (contentType = this.kind.contentType) => ({ contentType });
    const not = (detail?: string) => {
      const seen = describeContent(head);
      return { problem: detail ?? `the content is not a ${this.kind.label}${seen ? ` but ${seen}` : ''}` };
    };
    if (this.text) {
      if (this.utf8) {
        try {
          this.utf8.decode();
        } catch {
          this.isUtf8 = false;
        }
      }
      const binary = describeContent(head);
      if (binary && binary !== 'HTML or XML') return not(`the content is not text but ${binary}`);
      if (this.controlAt >= 0) return not(`the content is not plain text: byte ${this.controlAt} is a control character (send UTF-8 or GBK text; UTF-16 is not accepted)`);
      return ok(this.isUtf8 ? `${this.kind.contentType}; charset=utf-8` : this.kind.contentType);
    }
    if (ext === 'pdf') return head.subarray(0, 1024).includes('%PDF-') ? ok() : not();
    if (ext === 'png') return startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) ? ok() : not();
    if (ext === 'jpg') return startsWith(head, [0xff, 0xd8, 0xff]) ? ok() : not();
    if (ext === 'gif') return /^GIF8[79]a/.test(head.subarray(0, 6).toString('latin1')) ? ok() : not();
    if (ext === 'webp') return head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP' ? ok() : not();
    if (OLE_STREAMS[ext]) return startsWith(head, OLE) && this.needleFound ? ok() : not();
    const folder = OOXML_FOLDERS[ext];
    if (folder) {
      if (!startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return not();
      const names = await zipEntryNames(path, size);
      if (!names) return not(`the content is not a ${this.kind.label}: its ZIP directory cannot be read`);
      if (!names.has('[Content_Types].xml') || ![...names].some((n) => n.startsWith(folder))) return not(`the content is a ZIP archive but not a ${this.kind.label}`);
      return ok();
    }
    return not();
  }
}

/**
 * The entry names of a ZIP archive, from its central directory (read at the end of the file), or
 * null when there is none to read. ZIP64 archives are not Office documents under the size limit.
 */
export async function zipEntryNames(path: string, size: number): Promise<Set<string> | null> {
  const fh = await open(path, 'r');
  try {
    const tailLength = Math.min(size, 0xffff + 22);
    const tail = Buffer.alloc(tailLength);
    await fh.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return null;
    const count = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || dirOffset === 0xffffffff || dirOffset + dirSize > size) return null;
    const dir = Buffer.alloc(dirSize);
    await fh.read(dir, 0, dirSize, dirOffset);
    const names = new Set<string>();
    for (let p = 0, n = 0; n < count; n++) {
      if (p + 46 > dirSize || dir.readUInt32LE(p) !== 0x02014b50) return null;
      const nameLength = dir.readUInt16LE(p + 28);
      const next = p + 46 + nameLength + dir.readUInt16LE(p + 30) + dir.readUInt16LE(p + 32);
      if (next > dirSize) return null;
      names.add(dir.toString('utf8', p + 46, p + 46 + nameLength));
      p = next;
    }
    return names;
  } finally {
    await fh.close();
  }
}
