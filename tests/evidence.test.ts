import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import ExcelJS from '../server/transfer/exceljs'; // the hub's exceljs (its streaming fix installs only if it loads exceljs first)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type PlanHub } from '../server/app';
import { createContext } from '../server/context';
import { createServices } from '../server/services';
import { SYSTEM_ACTOR, type Actor } from '../server/common/actor';
import type { Em } from '../server/orm';
import type { DatabaseConfig, EvidenceConfig } from '../server/config';
import { Role } from '../schema/accounts/account.enums';
import { LedgerState, PeriodKind } from '../schema/ledger/ledger.enums';
import { LedgerEntry } from '../schema/ledger/ledger-entry.entity';
import { LedgerEntryEvidenceResolver } from '../server/evidence/evidence.resolver';
import { EvidenceStore } from '../server/evidence/evidence.store';
import { ADMIN_PASSWORD, TEST_ENGINE, freshDatabase } from './helpers';

/**
 * Evidence files of the ledger over HTTP, against a whole hub: upload (multipart), download, the
 * checks on each file, who may do what, content stored once, in the database or a shared directory.
 * Ledger entries are written straight into the database: the workflow that files them is elsewhere.
 */

const MAX_BYTES = 10 * 1024;
const MAX_FILES = 5;

interface Hub extends PlanHub {
  statements: string[];
  users: Record<string, Actor>;
  drop(): Promise<void>;
}

/** A hub on a fresh database (or on `database`, shared with another hub), with its users unless it shares one. */
async function startEvidenceHub(evidence: Partial<EvidenceConfig>, database?: DatabaseConfig): Promise<Hub> {
  const fresh = database ? { database, drop: async () => {} } : await freshDatabase();
  const statements: string[] = [];
  const hub = await createApp({
    database: fresh.database,
    seedOnEmpty: true,
    evidence: { maxBytes: MAX_BYTES, maxFilesPerEntry: MAX_FILES, ...evidence },
    onQuery: (msg) => void (msg.includes('[query]') && statements.push(msg)),
  });
  const users: Record<string, Actor> = {};
  if (!database) {
    const people: [string, Role, string?][] = [['admin', Role.ADMIN], ['housing', Role.EDITOR, '住建'], ['other', Role.EDITOR, '发改'], ['viewer', Role.VIEWER]];
    for (const [username, role, department] of people) {
      const u = await createServices(hub.orm.em.fork() as Em, SYSTEM_ACTOR).accounts.createUser({ username, password: ADMIN_PASSWORD, role, department });
      users[username] = { userId: u.id, username, role, departmentId: u.department?.id ?? null, readOnly: false, source: 'graphql' };
    }
  }
  return Object.assign(hub, { statements, users, drop: fresh.drop });
}

async function login(hub: PlanHub, username: string): Promise<string> {
  const res = await hub.app.inject({
    method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' },
    payload: { query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', variables: { u: username, p: ADMIN_PASSWORD } },
  });
  return res.json().data.login.token;
}

async function gql(hub: PlanHub, token: string | null, query: string, variables: Record<string, unknown> = {}) {
  const res = await hub.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, payload: { query, variables } });
  return res.json();
}

interface Part {
  name: string;
  content: Buffer;
  type?: string;
}

/** A multipart/form-data body as a browser sends it: the file name's UTF-8 bytes in quotes. */
function form(files: Part[], fields: Record<string, string> = {}) {
  const boundary = `----planhub${Math.random().toString(36).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name.replace(/"/g, '%22')}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`), f.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function upload(hub: PlanHub, entryId: number, files: Part[], auth: { token?: string | null; cookie?: string; preflight?: boolean } = {}) {
  const body = form(files);
  const headers: Record<string, string> = { 'content-type': body.contentType };
  if (auth.preflight !== false) headers['apollo-require-preflight'] = 'true';
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  if (auth.cookie) headers.cookie = auth.cookie;
  return hub.app.inject({ method: 'POST', url: `/ledger/${entryId}/evidence`, headers, payload: body.payload });
}

function download(hub: PlanHub, url: string, token?: string | null) {
  return hub.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
}

// Files --------------------------------------------------------------------------------------------

const pdf = (text = 'evidence') => Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR fake image data')]);
const exe = () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90), Buffer.from('This program cannot be run in DOS mode.')]);
const ole = (stream: string) => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(500), Buffer.from(stream, 'utf16le'), Buffer.alloc(100)]);

/** A stored (uncompressed) ZIP archive of the given entries. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
const docx = () => zip({ '[Content_Types].xml': '<Types/>', '_rels/.rels': '<Relationships/>', 'word/document.xml': '<w:document/>' });

async function xlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('台账').addRow(['2019-06', 1180]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

// Database ---------------------------------------------------------------------------------------------

let entrySeq = 0;

/** A ledger entry of the department for one of its indicators, written directly (a new period each time). */
async function entry(hub: PlanHub, department: string, state: LedgerState): Promise<number> {
  const em = hub.orm.em.fork() as Em;
  const [dept] = await em.getConnection().execute(`select d.id, r.indicator_id from department d join responsibility r on r.department_id = d.id where d.name = ? and r.indicator_id is not null order by r.id limit 1`, [department]);
  entrySeq++;
  const now = new Date();
  const id = await em.insert(LedgerEntry, {
    department: dept.id, indicator: dept.indicator_id, itemKey: `indicator:${dept.indicator_id}`,
    period: `${2016 + Math.floor(entrySeq / 12)}-${String((entrySeq % 12) + 1).padStart(2, '0')}`, periodKind: PeriodKind.MONTH, year: 2016 + Math.floor(entrySeq / 12),
    state, version: 1, createdAt: now, updatedAt: now,
  } as never);
  return Number(id);
}

async function setState(hub: PlanHub, entryId: number, state: LedgerState) {
  await hub.orm.em.fork().getConnection().execute('update ledger_entry set state = ? where id = ?', [state, entryId]);
}

async function counts(hub: PlanHub) {
  const conn = hub.orm.em.fork().getConnection();
  const one = async (sql: string) => Number((await conn.execute(sql))[0].n);
  return {
    evidence: await one('select count(*) as n from evidence'),
    files: await one('select count(*) as n from evidence_file'),
    audit: await one(`select count(*) as n from audit_entry where entity = 'Evidence'`),
  };
}

// Tests --------------------------------------------------------------------------------------------------

describe('evidence files in the database', () => {
  let hub: Hub;
  let t: Record<string, string>;
  let draft: number;
  beforeAll(async () => {
    hub = await startEvidenceHub({});
    t = {};
    for (const u of ['admin', 'housing', 'other', 'viewer']) t[u] = await login(hub, u);
    const made = await gql(hub, t.admin, 'mutation { createApiToken(input: { name: "BI", expiresInDays: 30 }) { token } }');
    t.api = made.data.createApiToken.token;
    draft = await entry(hub, '区住建局', LedgerState.DRAFT);
  });
  afterAll(async () => {
    await hub?.close();
    await hub?.drop();
  });

  it('a PDF uploads and downloads byte for byte, as an attachment under its Chinese name', async () => {
    const content = pdf('2019年6月 进度');
    const before = await counts(hub);
    const res = await upload(hub, draft, [{ name: '2019年6月进度报告.pdf', content, type: 'application/pdf' }], { token: t.housing });
    expect(res.statusCode).toBe(201);
    const [row] = res.json().evidence;
    expect(row).toMatchObject({ fileName: '2019年6月进度报告.pdf', contentType: 'application/pdf', size: content.length, sha256: sha(content), version: 1, downloadUrl: `/evidence/${row.id}` });
    expect(await counts(hub)).toEqual({ evidence: before.evidence + 1, files: before.files + 1, audit: before.audit + 1 });
    const audit = await gql(hub, t.admin, `{ auditLog(entity: "Evidence", entityId: "${row.id}") { action username after } }`);
    expect(audit.data.auditLog).toEqual([{ action: 'CREATE', username: 'housing', after: expect.stringContaining('"fileName":"2019年6月进度报告.pdf"') }]);

    const got = await download(hub, row.downloadUrl, t.housing);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(content)).toBe(true);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-length']).toBe(String(content.length));
    expect(got.headers['content-disposition']).toBe(`attachment; filename="2019_6_.pdf"; filename*=UTF-8''${encodeURIComponent('2019年6月进度报告.pdf')}`);
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-security-policy']).toBe("default-src 'none'; sandbox; frame-ancestors 'none'");
    expect(got.headers['cache-control']).toBe('private, no-store');
  });

  it('Office documents, images and text are told by their content; a PDF declared as image/png is a PDF', async () => {
    const e = await entry(hub, '区住建局', LedgerState.RETURNED);
    const e2 = await entry(hub, '区住建局', LedgerState.DRAFT);
    const files: Part[] = [
      { name: '台账.xlsx', content: await xlsx() },
      { name: '说明.docx', content: docx() },
      { name: '旧表.xls', content: ole('Workbook') },
      { name: '照片.png', content: png(), type: 'image/png' },
      { name: '数据.csv', content: Buffer.from('月份,数值\n2019-06,1180\n') },
      { name: 'scan.pdf', content: pdf('declared wrongly'), type: 'image/png' },
    ];
    // Two requests: an entry holds at most MAX_FILES (5) here.
    const res = [await upload(hub, e, files.slice(0, 3), { token: t.housing }), await upload(hub, e2, files.slice(3), { token: t.housing })];
    expect(res.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(res.flatMap((r) => r.json().evidence).map((r: { contentType: string }) => r.contentType)).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.ms-excel',
      'image/png',
      'text/csv; charset=utf-8',
      'application/pdf',
    ]);
  });

  const refusals: [string, () => Part[] | Promise<Part[]>, number, string, string, string][] = [
    ['too large', () => [{ name: 'big.pdf', content: Buffer.concat([pdf(), Buffer.alloc(MAX_BYTES)]) }], 413, 'FILE_TOO_LARGE', 'files[0]', 'files[0]: "big.pdf" is larger than 10 KB, the limit for one file (EVIDENCE_MAX_MB)'],
    ['empty', () => [{ name: 'empty.pdf', content: Buffer.alloc(0) }], 400, 'FILE_EMPTY', 'files[0]', 'files[0]: "empty.pdf" is empty'],
    ['a program renamed .pdf', () => [{ name: '报告.pdf', content: exe(), type: 'application/pdf' }], 415, 'FILE_TYPE_NOT_ALLOWED', 'files[0]', 'files[0]: "报告.pdf" is refused: the content is not a PDF but a Windows program (EXE/DLL).'],
    ['a program', () => [{ name: 'setup.exe', content: exe() }], 415, 'FILE_TYPE_NOT_ALLOWED', 'files[0]', 'files[0]: "setup.exe" is not a kind of file the ledger accepts: send PDF, images'],
    ['a PNG named .pdf', () => [{ name: 'x.pdf', content: png() }], 415, 'FILE_TYPE_NOT_ALLOWED', 'files[0]', 'the content is not a PDF but a PNG image'],
    ['a plain ZIP named .docx', () => [{ name: 'x.docx', content: zip({ 'a.txt': 'x' }) }], 415, 'FILE_TYPE_NOT_ALLOWED', 'files[0]', 'the content is a ZIP archive but not a Word document (.docx)'],
    ['an OLE2 file that is no Word document named .doc', () => [{ name: 'x.doc', content: ole('Installer') }], 415, 'FILE_TYPE_NOT_ALLOWED', 'files[0]', 'the content is not a Word 97–2003 document (.doc) but a legacy Office (OLE2) file'],
    ['binary named .txt', () => [{ name: 'x.txt', content: Buffer.from([0x41, 0x00, 0x42]) }], 415, 'FILE_TYPE_NOT_ALLOWED', 'files[0]', 'byte 1 is a control character'],
    ['no extension', () => [{ name: 'README', content: pdf() }], 415, 'FILE_TYPE_NOT_ALLOWED', 'files[0]', '"README" is not a kind of file'],
    ['a parent path', () => [{ name: '../x.pdf', content: pdf() }], 400, 'FILE_NAME_NOT_ALLOWED', 'files[0]', 'files[0]: the file name "../x.pdf" holds a path (/, \\ or :)'],
    ['a folder', () => [{ name: 'a/b.pdf', content: pdf() }], 400, 'FILE_NAME_NOT_ALLOWED', 'files[0]', 'the file name "a/b.pdf" holds a path'],
    ['a Windows path', () => [{ name: 'C:\\x.pdf', content: pdf() }], 400, 'FILE_NAME_NOT_ALLOWED', 'files[0]', 'the file name "C:\\\\x.pdf" holds a path'],
    ['a control character', () => [{ name: 'a\u0007b.pdf', content: pdf() }], 400, 'FILE_NAME_NOT_ALLOWED', 'files[0]', 'holds control or text-direction characters'],
    ['a right-to-left override', () => [{ name: '报告\u202Efdp.exe', content: pdf() }], 400, 'FILE_NAME_NOT_ALLOWED', 'files[0]', 'holds control or text-direction characters'],
    ['more files than an entry may hold, in one request', () => Array.from({ length: MAX_FILES + 1 }, (_, i) => ({ name: `p${i}.pdf`, content: pdf(String(i)) })), 400, 'TOO_MANY_FILES', 'files', 'files: send at most 5 files at once'],
    ['a good file with a bad one: neither is kept', () => [{ name: 'good.pdf', content: pdf('good one') }, { name: 'bad.pdf', content: exe() }], 415, 'FILE_TYPE_NOT_ALLOWED', 'files[1]', 'files[1]: "bad.pdf" is refused'],
  ];

  it.each(refusals)('refuses %s with its reason and keeps nothing', async (_what, files, status, reason, field, message) => {
    const before = await counts(hub);
    const res = await upload(hub, draft, await files(), { token: t.housing });
    expect(res.statusCode).toBe(status);
    const [error] = res.json().errors;
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason, field });
    expect(error.message).toContain(message);
    expect(await counts(hub)).toEqual(before);
  });

  it('refuses a request without files, and an entry that would pass its limit, keeping nothing', async () => {
    const none = await upload(hub, draft, [], { token: t.housing });
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_FILE', field: 'files' });

    const e = await entry(hub, '区住建局', LedgerState.DRAFT);
    const four = await upload(hub, e, [1, 2, 3, 4].map((i) => ({ name: `${i}.pdf`, content: pdf(`page ${i}`) })), { token: t.housing });
    expect(four.statusCode).toBe(201);
    const before = await counts(hub);
    const two = await upload(hub, e, [5, 6].map((i) => ({ name: `${i}.pdf`, content: pdf(`page ${i}`) })), { token: t.housing });
    expect(two.statusCode).toBe(400);
    expect(two.json().errors[0]).toMatchObject({
      message: 'files: ledger entry ' + e + ' holds 4 files; 2 more would pass the limit of 5 per entry (EVIDENCE_MAX_FILES)',
      extensions: { code: 'BAD_USER_INPUT', reason: 'TOO_MANY_FILES', held: 4, sent: 2, maxFiles: 5 },
    });
    expect(await counts(hub)).toEqual(before);
    expect((await upload(hub, e, [{ name: '5.pdf', content: pdf('page 5') }], { token: t.housing })).statusCode).toBe(201);
  });

  it('stores the same content once, and removes it with its last reference', async () => {
    const content = pdf('the same scan');
    const a = await entry(hub, '区住建局', LedgerState.DRAFT);
    const b = await entry(hub, '区住建局', LedgerState.DRAFT);
    const before = await counts(hub);
    const first = (await upload(hub, a, [{ name: '扫描件.pdf', content }, { name: '扫描件（副本）.pdf', content }], { token: t.housing })).json().evidence;
    const second = (await upload(hub, b, [{ name: 'scan.pdf', content }], { token: t.admin })).json().evidence;
    expect(await counts(hub)).toEqual({ evidence: before.evidence + 3, files: before.files + 1, audit: before.audit + 3 });
    const ids = [...first, ...second].map((r: { id: string }) => r.id);
    const del = (id: string, token = t.housing, v?: number) => gql(hub, token, 'mutation($id: ID!, $v: Int) { deleteEvidence(id: $id, expectedVersion: $v) }', { id, v });
    expect((await del(ids[0], t.housing, 2)).errors[0]).toMatchObject({ message: `Evidence ${ids[0]} is at version 1, not 2`, extensions: { code: 'CONFLICT', currentVersion: 1 } });
    expect((await del(ids[0], t.housing, 1)).data).toEqual({ deleteEvidence: true });
    expect((await del(ids[1])).data).toEqual({ deleteEvidence: true });
    expect(await counts(hub)).toMatchObject({ evidence: before.evidence + 1, files: before.files + 1 });
    expect((await download(hub, `/evidence/${ids[2]}`, t.admin)).rawPayload.equals(content)).toBe(true);
    expect((await del(ids[2], t.admin)).data).toEqual({ deleteEvidence: true });
    expect(await counts(hub)).toEqual({ evidence: before.evidence, files: before.files, audit: before.audit + 6 });
    const audit = await gql(hub, t.admin, `{ auditLog(entity: "Evidence", entityId: "${ids[2]}") { action username } }`);
    expect(audit.data.auditLog).toEqual([{ action: 'DELETE', username: 'admin' }, { action: 'CREATE', username: 'admin' }]);
    expect((await download(hub, `/evidence/${ids[2]}`, t.admin)).statusCode).toBe(404);
  });

  it('downloads: signed-out readers get approved entries’ files only; another department’s drafts are not found', async () => {
    const e = await entry(hub, '区住建局', LedgerState.DRAFT);
    const [row] = (await upload(hub, e, [{ name: 'a.pdf', content: pdf('approved later') }], { token: t.housing })).json().evidence;
    const status = async (token: string | null) => (await download(hub, row.downloadUrl, token)).statusCode;
    expect(await status(null)).toBe(404);
    expect(await status(t.other)).toBe(404);
    expect((await download(hub, row.downloadUrl, null)).json().errors[0]).toEqual({ message: `Evidence ${row.id} does not exist`, extensions: { code: 'NOT_FOUND', type: 'Evidence', id: row.id } });
    expect([await status(t.housing), await status(t.admin)]).toEqual([200, 200]);
    await setState(hub, e, LedgerState.SUBMITTED);
    expect([await status(null), await status(t.other), await status(t.viewer), await status(t.api)]).toEqual([404, 200, 200, 200]);
    await setState(hub, e, LedgerState.APPROVED);
    expect(await status(null)).toBe(200);
    expect((await download(hub, row.downloadUrl, 'phs_not-a-session')).statusCode).toBe(401);
    expect((await download(hub, '/evidence/999999', t.admin)).statusCode).toBe(404);
    expect((await download(hub, '/evidence/abc', t.admin)).statusCode).toBe(404);
  });

  it('only the entry’s department (EDITOR) or the office (ADMIN) add or remove files, only while it is a draft or returned', async () => {
    const e = await entry(hub, '区住建局', LedgerState.DRAFT);
    const file = () => [{ name: 'x.pdf', content: pdf('rights') }];
    const before = await counts(hub);
    const refused = async (token: string | null, extra: object = {}) => {
      const res = await upload(hub, e, file(), { token, ...extra });
      return [res.statusCode, res.json().errors[0].extensions.code];
    };
    expect(await refused(null)).toEqual([401, 'UNAUTHENTICATED']);
    expect(await refused(t.viewer)).toEqual([403, 'FORBIDDEN']);
    expect(await refused(t.api)).toEqual([403, 'FORBIDDEN']);
    expect(await refused(t.other)).toEqual([404, 'NOT_FOUND']); // another department's draft is not theirs to see
    expect(await refused('phs_not-a-session')).toEqual([401, 'UNAUTHENTICATED']);
    expect(await refused(t.housing, { preflight: false })).toEqual([400, 'BAD_REQUEST']); // CSRF, as Apollo's
    const json = await hub.app.inject({ method: 'POST', url: `/ledger/${e}/evidence`, headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true', authorization: `Bearer ${t.housing}` }, payload: {} });
    expect([json.statusCode, json.json().errors[0].extensions.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    expect((await upload(hub, 999999, file(), { token: t.housing })).statusCode).toBe(404);
    expect(await counts(hub)).toEqual(before);

    await setState(hub, e, LedgerState.RETURNED);
    const other = await upload(hub, e, file(), { token: t.other });
    expect(other.statusCode).toBe(403);
    expect(other.json().errors[0].message).toBe(`Ledger entry ${e} belongs to another department: you can add evidence to only your own department’s entries.`);
    // The session cookie works as the bearer token does.
    const own = await upload(hub, e, file(), { cookie: `planhub_session=${t.housing}` });
    expect(own.statusCode).toBe(201);
    const id = own.json().evidence[0].id;
    const del = (token: string | null) => gql(hub, token, 'mutation($id: ID!) { deleteEvidence(id: $id) }', { id });
    expect((await del(t.viewer)).errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await del(t.api)).errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await del(t.other)).errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await del(null)).errors[0].extensions.code).toBe('UNAUTHENTICATED');

    for (const state of [LedgerState.SUBMITTED, LedgerState.APPROVED]) {
      await setState(hub, e, state);
      const locked = await upload(hub, e, file(), { token: t.housing });
      expect(locked.statusCode).toBe(409);
      expect(locked.json().errors[0]).toEqual({
        message: `Ledger entry ${e} is ${state}: evidence can be added or removed only while the entry is a draft or returned (DRAFT, RETURNED).`,
        extensions: { code: 'CONFLICT', type: 'LedgerEntry', id: String(e), state },
      });
      expect((await upload(hub, e, file(), { token: t.admin })).statusCode).toBe(409);
      expect((await del(t.housing)).errors[0].extensions.code).toBe('CONFLICT');
    }
    await setState(hub, e, LedgerState.DRAFT);
    expect((await del(t.other)).errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await upload(hub, e, file(), { token: t.admin })).statusCode).toBe(201);
    expect((await del(t.housing)).data).toEqual({ deleteEvidence: true });
  });

  it('a large content is read from the database in slices, byte for byte', async () => {
    const big = Buffer.alloc(2.5 * 1024 * 1024 + 7);
    for (let i = 0; i < big.length; i += 4096) big.writeUInt32LE(i, i);
    await (hub.orm.em.fork() as Em).getKnex().raw('insert into evidence_file (sha256, size, bytes, created_at) values (?, ?, ?, ?)', [sha(big), big.length, big, new Date()]);
    const em = hub.orm.em.fork() as Em;
    const content = await new EvidenceStore().read(em, sha(big));
    const chunks: Buffer[] = [];
    for await (const chunk of content as AsyncIterable<Buffer>) chunks.push(chunk);
    expect(chunks.map((c) => c.length)).toEqual([1024 * 1024, 1024 * 1024, 0.5 * 1024 * 1024 + 7]);
    expect(Buffer.concat(chunks).equals(big)).toBe(true);
    await em.getKnex().raw('delete from evidence_file where sha256 = ?', [sha(big)]);
    expect(await new EvidenceStore().read(em, sha(big))).toBeNull();
  });

  it('multipart bodies are read by the upload route only', async () => {
    const body = form([{ name: 'x.pdf', content: pdf() }]);
    const graphql = await hub.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': body.contentType, 'apollo-require-preflight': 'true' }, payload: body.payload });
    expect([graphql.statusCode, graphql.json().errors[0].extensions.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const xml = await hub.app.inject({ method: 'POST', url: `/ledger/${draft}/evidence`, headers: { 'content-type': 'text/xml', 'apollo-require-preflight': 'true' }, payload: '<x/>' });
    expect(xml.json().errors[0]).toEqual({ message: 'Send the files as multipart/form-data, one file part per file.', extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });

  it('LedgerEntry.evidence reads the files of all entries of a page in one statement', async () => {
    const ids = [await entry(hub, '区住建局', LedgerState.DRAFT), await entry(hub, '区住建局', LedgerState.DRAFT), await entry(hub, '区住建局', LedgerState.DRAFT)];
    await upload(hub, ids[0], [{ name: 'a.pdf', content: pdf('a') }, { name: 'b.png', content: png() }], { token: t.housing });
    await upload(hub, ids[2], [{ name: 'c.pdf', content: pdf('c') }], { token: t.housing });
    const ctx = await createContext(hub.orm, { actor: hub.users.housing });
    const resolver = new LedgerEntryEvidenceResolver();
    hub.statements.length = 0;
    const lists = await Promise.all(ids.map((id) => resolver.evidence({ id } as LedgerEntry, ctx)));
    expect(hub.statements).toHaveLength(1);
    expect(lists.map((l) => l.map((e) => e.fileName))).toEqual([['a.pdf', 'b.png'], [], ['c.pdf']]);
  });

  it('over a real socket, as a browser’s FormData sends it', async () => {
    const address = await hub.app.listen({ port: 0, host: '127.0.0.1' });
    const e = await entry(hub, '区住建局', LedgerState.DRAFT);
    const body = new FormData();
    const content = pdf('socket');
    body.append('file', new Blob([content], { type: 'application/pdf' }), '第三季度 "汇总".pdf');
    const res = await fetch(`${address}/ledger/${e}/evidence`, { method: 'POST', body, headers: { authorization: `Bearer ${t.housing}`, 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(201);
    const [row] = (await res.json()).evidence;
    expect(row.fileName).toBe('第三季度 %22汇总%22.pdf'); // FormData escapes the quote; the hub keeps the name as sent
    const got = await fetch(`${address}${row.downloadUrl}`, { headers: { authorization: `Bearer ${t.housing}` } });
    expect(Buffer.from(await got.arrayBuffer()).equals(content)).toBe(true);
  });
});

describe('evidence files in a directory (EVIDENCE_DIR) that two hubs share', () => {
  let dir: string;
  let dbDir: string;
  let a: Hub;
  let b: Hub;
  let token: string;
  const stored = (hash: string) => join(dir, hash.slice(0, 2), hash);
  const staging = () => readdirSync(join(dir, '.staging'));
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plan-hub-evidence-'));
    dbDir = mkdtempSync(join(tmpdir(), 'plan-hub-evidence-db-'));
    // Two hubs on one database (a SQLite file, or a fresh PostgreSQL database) and one directory.
    if (TEST_ENGINE === 'sqlite') a = await startEvidenceHub({ dir }, { engine: 'sqlite', path: join(dbDir, 'hub.db') });
    else a = await startEvidenceHub({ dir });
    if (TEST_ENGINE === 'sqlite') {
      const em = a.orm.em.fork() as Em;
      await createServices(em, SYSTEM_ACTOR).accounts.createUser({ username: 'housing', password: ADMIN_PASSWORD, role: Role.EDITOR, department: '住建' });
    }
    const shared = a.orm.config.get('clientUrl') ? { engine: 'postgresql' as const, url: a.orm.config.get('clientUrl')! } : { engine: 'sqlite' as const, path: join(dbDir, 'hub.db') };
    b = await startEvidenceHub({ dir }, shared);
    token = await login(a, 'housing');
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await a?.drop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(dbDir, { recursive: true, force: true });
  });

  it('keeps each content once, as a file named by its hash, and serves it from either hub', async () => {
    const e = await entry(a, '区住建局', LedgerState.DRAFT);
    const content = pdf('kept in a directory');
    const before = await counts(a);
    const res = await upload(a, e, [{ name: '目录里的.pdf', content }, { name: 'again.pdf', content }], { token });
    expect(res.statusCode).toBe(201);
    expect(await counts(a)).toEqual({ evidence: before.evidence + 2, files: before.files + 1, audit: before.audit + 2 });
    expect(readFileSync(stored(sha(content))).equals(content)).toBe(true);
    const [row] = await a.orm.em.fork().getConnection().execute('select size, bytes from evidence_file where sha256 = ?', [sha(content)]);
    expect([Number(row.size), row.bytes]).toEqual([content.length, null]);
    expect(staging()).toEqual([]);
    const [first, second] = res.json().evidence;
    // The other hub (another process, in production) serves it from the same directory.
    const got = await download(b, first.downloadUrl, token);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(content)).toBe(true);
    expect(got.headers['content-disposition']).toContain("filename*=UTF-8''" + encodeURIComponent('目录里的.pdf'));

    // Uploaded again through the other hub: still one file.
    expect((await upload(b, e, [{ name: 'third.pdf', content }], { token })).statusCode).toBe(201);
    expect((await counts(a)).files).toBe(before.files + 1);

    // Removed with the last evidence that refers to it, through either hub.
    const del = (hub: Hub, id: string) => gql(hub, token, 'mutation($id: ID!) { deleteEvidence(id: $id) }', { id });
    expect((await del(a, first.id)).data.deleteEvidence).toBe(true);
    expect((await del(b, second.id)).data.deleteEvidence).toBe(true);
    expect(existsSync(stored(sha(content)))).toBe(true);
    const [third] = (await a.orm.em.fork().getConnection().execute(`select id from evidence where file_name = 'third.pdf'`)) as { id: number }[];
    expect((await del(a, String(third.id))).data.deleteEvidence).toBe(true);
    expect(existsSync(stored(sha(content)))).toBe(false);
    expect(await counts(a)).toMatchObject({ evidence: before.evidence, files: before.files });
    expect(staging()).toEqual([]);
  });

  it('a refused upload leaves nothing in the directory', async () => {
    const e = await entry(a, '区住建局', LedgerState.DRAFT);
    const before = await counts(a);
    const listing = () => readdirSync(dir, { recursive: true }).sort();
    const files = listing();
    const res = await upload(a, e, [{ name: 'fine.pdf', content: pdf('fine but not alone') }, { name: 'big.pdf', content: Buffer.concat([pdf(), Buffer.alloc(MAX_BYTES)]) }], { token });
    expect(res.statusCode).toBe(413);
    expect(await counts(a)).toEqual(before);
    expect(listing()).toEqual(files);
  });
});
