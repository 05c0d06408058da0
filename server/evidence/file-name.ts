/**
 * File names of evidence: kept as the uploader's computer named the file, but never a path. A name
 * is shown in the UI and sent back in Content-Disposition, so it is checked once on upload and the
 * download writes it in both forms browsers read (RFC 6266 / RFC 5987).
 */

/** C0 and C1 controls and DEL; the bidirectional overrides and marks that make "报告‮fdp.exe" read as "报告exe.pdf". */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** Path separators on any system, and the drive / stream colon of Windows (C:x.pdf, x.pdf:stream). */
const PATH = /[/\\:]/;
export const MAX_NAME_LENGTH = 255;

export type NameProblem = { reason: 'FILE_NAME_NOT_ALLOWED'; message: string };

/** The name to store (NFC, blanks around it trimmed), or why it is refused. */
export function checkFileName(raw: string | undefined | null): { name: string } | NameProblem {
  const name = (raw ?? '').normalize('NFC').trim();
  if (!name) return refuse('the file has no name: send it as a file part with filename="…"');
  if (CONTROL.test(name)) return refuse(`the file name ${JSON.stringify(name)} holds control or text-direction characters: rename the file`);
  if (PATH.test(name) || name === '.' || name === '..') return refuse(`the file name ${JSON.stringify(name)} holds a path (/, \\ or :): send the file's own name only`);
  if ([...name].length > MAX_NAME_LENGTH) return refuse(`the file name is ${[...name].length} characters long; the limit is ${MAX_NAME_LENGTH}`);
  return { name };
}

function refuse(message: string): NameProblem {
  return { reason: 'FILE_NAME_NOT_ALLOWED', message };
}

/** The extension, lower case, without the dot ('' when there is none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * `Content-Disposition: attachment` with the name for every browser: `filename*` (RFC 5987, UTF-8,
 * so 2019年进度报告.pdf arrives as it was uploaded) and an ASCII `filename` for clients that read only
 * that one (non-ASCII runs become `_`; the extension is kept).
 */
export function attachmentHeader(name: string, fallbackStem: string): string {
  const ext = extensionOf(name);
  const stem = ext ? name.slice(0, -(ext.length + 1)) : name;
  let ascii = stem.replace(/[^\x20-\x7e]+/g, '_').replace(/["\\;%]/g, '_').trim();
  if (!/[A-Za-z0-9]/.test(ascii)) ascii = fallbackStem;
  const fallback = ext ? `${ascii}.${ext.replace(/[^a-z0-9]/g, '')}` : ascii;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
