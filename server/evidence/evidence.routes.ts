import { join } from 'node:path';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import type { Em, Orm } from '../orm';
import type { Actor } from '../common/actor';
import { AppError, ErrorCode, badInput, toAppError } from '../errors';
import { sendRefusal } from '../security/requests';
import type { Evidence } from '../../schema/ledger/evidence.entity';
import { EvidenceService, downloadUrl, type CheckedFile } from './evidence.service';
import { EvidenceStore, TooLarge, bindEvidenceStore } from './evidence.store';
import { attachmentHeader, checkFileName, extensionOf } from './file-name';
import { ALLOWED_TYPES_TEXT, ContentSniffer, kindOfExtension } from './file-type';
import type { EvidenceConfig } from '../config';

export interface EvidenceRoutesOptions {
  orm: Orm;
  config: EvidenceConfig;
  /** The request's actor, authenticated at the edge as for GraphQL (server/app.ts). */
  authOf(request: FastifyRequest): Promise<{ actor: Actor; authError: AppError | null }>;
  anonymousRead: boolean;
}

/** Where a download may be shown: nowhere (it is an attachment); nothing in it may run or load. */
const DOWNLOAD_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'";

/**
 * The headers that make a browser send a CORS preflight before the request, which this hub never
 * grants to another origin: Apollo's CSRF prevention asks the same of GraphQL requests whose content
 * type a plain HTML form could send (multipart/form-data is one).
 */
const PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'];

const STATUS: Record<string, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.TOO_MANY_REQUESTS]: 429,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};
/** File problems that have their own HTTP status; every other one is a 400. */
const REASON_STATUS: Record<string, number> = { FILE_TOO_LARGE: 413, FILE_TYPE_NOT_ALLOWED: 415 };

function refuse(reply: FastifyReply, error: AppError) {
  const status = REASON_STATUS[String(error.details.reason)] ?? STATUS[error.code] ?? 400;
  if (error.code === ErrorCode.SERVICE_UNAVAILABLE) reply.header('retry-after', '5');
  return sendRefusal(reply, status, error.code, error.message, error.details);
}

/** The JSON of a kept file, named as in GraphQL (Evidence). */
export function evidenceJson(e: Evidence) {
  return { id: String(e.id), fileName: e.fileName, contentType: e.contentType, size: e.size, sha256: e.sha256, version: e.version, createdAt: e.createdAt.toISOString(), downloadUrl: downloadUrl(e.id) };
}

const mb = (bytes: number) => (bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : `${+(bytes / 1024).toFixed(1)} KB`);

/**
 * Evidence over HTTP: `POST /ledger/:id/evidence` (multipart/form-data, one file part per file) and
 * `GET /evidence/:id`. Refusals are JSON in the shape of the hub's other HTTP refusals,
 * `{ errors: [{ message, extensions: { code, field, reason, … } }] }`; a bad file is BAD_USER_INPUT
 * naming it (`files[0]`) with its `reason`.
 */
export async function registerEvidence(app: FastifyInstance, options: EvidenceRoutesOptions): Promise<EvidenceStore> {
  const store = new EvidenceStore(options.config);
  await store.init();
  bindEvidenceStore(options.orm, store);
  const { maxBytes, maxFilesPerEntry } = options.config;

  // Multipart parsing only here (the plugin is scoped to this context): /graphql keeps refusing it.
  await app.register(async (scope) => {
    // A file cut at the size limit is noticed while it is staged (TooLarge), named, not as a bare plugin error.
    await scope.register(fastifyMultipart, { throwFileSizeLimit: false });
    scope.post<{ Params: { id: string } }>('/ledger/:id/evidence', {
      errorHandler(error: FastifyError, _request, reply) {
        if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendRefusal(reply, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the files as multipart/form-data, one file part per file.');
        throw error;
      },
    }, async (request, reply) => {
      if (!PREFLIGHT_HEADERS.some((h) => String(request.headers[h] ?? '').trim())) {
        return sendRefusal(reply, 400, 'BAD_REQUEST', 'This request has been blocked as a potential Cross-Site Request Forgery (CSRF): send it with the header "Apollo-Require-Preflight: true", as for GraphQL.');
      }
      if (!request.isMultipart()) return sendRefusal(reply, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the files as multipart/form-data, one file part per file.');
      const { actor, authError } = await options.authOf(request);
      if (authError) return refuse(reply, authError);
      const em = options.orm.em.fork() as Em;
      const service = new EvidenceService(em, actor, store);
      let staging: Awaited<ReturnType<EvidenceStore['stagingArea']>> | null = null;
      let reading = false;
      let outcome: { rows: Evidence[] } | { error: unknown };
      try {
        const entry = await service.assertCanAttach(request.params.id);
        staging = await store.stagingArea();
        reading = true;
        const files = await receive(request, store, staging.dir, { maxBytes, maxFiles: maxFilesPerEntry });
        reading = false;
        outcome = { rows: await service.attach(entry.id, files) };
      } catch (error) {
        outcome = { error };
      }
      // The staged files go before the answer: nothing of a refused upload is left once it is sent.
      await staging?.dispose();
      if ('rows' in outcome) return reply.code(201).send({ evidence: outcome.rows.map(evidenceJson) });
      const known = toAppError(outcome.error);
      // The rest of a refused upload is not wanted: the client should stop sending it.
      if (reading) reply.header('connection', 'close');
      if (known) return refuse(reply, known);
      // The multipart body itself could not be read (cut short, malformed).
      if (reading) return sendRefusal(reply, 400, 'BAD_REQUEST', 'The multipart body could not be read; send it again.');
      throw outcome.error;
    });
  });

  app.get<{ Params: { id: string } }>('/evidence/:id', async (request, reply) => {
    const { actor, authError } = await options.authOf(request);
    if (authError) return refuse(reply, authError);
    if (actor.role === null && !options.anonymousRead) return sendRefusal(reply, 401, ErrorCode.UNAUTHENTICATED, 'Sign in to use the hub: anonymous reading is turned off here.');
    const em = options.orm.em.fork() as Em;
    const file = await new EvidenceService(em, actor, store).forDownload(request.params.id);
    if (!file) return sendRefusal(reply, 404, ErrorCode.NOT_FOUND, `Evidence ${request.params.id} does not exist`, { type: 'Evidence', id: request.params.id });
    const content = await store.read(em, file.sha256);
    if (!content) {
      console.error(`[plan-hub] evidence ${file.id}: its content ${file.sha256} is missing from ${store.dir ?? 'the database'}`);
      return sendRefusal(reply, 500, 'INTERNAL_SERVER_ERROR', 'The file’s content is missing on the server; tell the administrator.');
    }
    return reply
      .header('content-type', file.contentType)
      .header('content-length', String(file.size))
      .header('content-disposition', attachmentHeader(file.fileName, `evidence-${file.id}`))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', DOWNLOAD_CSP)
      .header('cache-control', 'private, no-store')
      .send(content);
  });
  return store;
}

/**
 * Reads every file part of the request into the staging area, checking each as it comes: a name
 * without a path or control characters, an allowed extension, not empty, within the size limit, and
 * content that is what the extension claims. The first problem refuses the whole request.
 */
async function receive(request: FastifyRequest, store: EvidenceStore, staging: string, limits: { maxBytes: number; maxFiles: number }): Promise<CheckedFile[]> {
  const files: CheckedFile[] = [];
  const parts = request.parts({
    limits: { fileSize: limits.maxBytes, files: limits.maxFiles, fields: 20, fieldSize: 4096, parts: limits.maxFiles + 20, headerPairs: 100 },
    // The name as sent, so a path in it is refused rather than silently cut off.
    preservePath: true,
  });
  try {
    for await (const part of parts) {
      if (part.type !== 'file') continue; // other form fields carry nothing the upload needs
      const field = `files[${files.length}]`;
      const named = checkFileName(part.filename);
      if ('reason' in named) throw badInput(field, named.message, { reason: named.reason, fileName: part.filename });
      const fileName = named.name;
      const kind = kindOfExtension(extensionOf(fileName));
      if (!kind) throw badInput(field, `${JSON.stringify(fileName)} is not a kind of file the ledger accepts: send ${ALLOWED_TYPES_TEXT}`, { reason: 'FILE_TYPE_NOT_ALLOWED', fileName });
      const sniffer = new ContentSniffer(kind);
      let staged;
      try {
        staged = await store.stage(part.file, join(staging, String(files.length)), (chunk) => sniffer.update(chunk), () => part.file.truncated);
      } catch (error) {
        if (error instanceof TooLarge) throw badInput(field, `${JSON.stringify(fileName)} is larger than ${mb(limits.maxBytes)}, the limit for one file (EVIDENCE_MAX_MB)`, { reason: 'FILE_TOO_LARGE', fileName, maxBytes: limits.maxBytes });
        throw error;
      }
      if (staged.size === 0) throw badInput(field, `${JSON.stringify(fileName)} is empty`, { reason: 'FILE_EMPTY', fileName });
      const verdict = await sniffer.verdict(staged.path, staged.size);
      if ('problem' in verdict) throw badInput(field, `${JSON.stringify(fileName)} is refused: ${verdict.problem}. Send ${ALLOWED_TYPES_TEXT}`, { reason: 'FILE_TYPE_NOT_ALLOWED', fileName });
      files.push({ staged, fileName, contentType: verdict.contentType });
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'FST_FILES_LIMIT') {
      throw badInput('files', `send at most ${limits.maxFiles} files at once (EVIDENCE_MAX_FILES is the limit per entry)`, { reason: 'TOO_MANY_FILES', maxFiles: limits.maxFiles });
    }
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw badInput('files', 'the request holds too many parts: send the files only', { reason: 'TOO_MANY_PARTS' });
    throw error;
  }
  if (!files.length) throw badInput('files', 'the request holds no file: send each file as a multipart part with a filename', { reason: 'NO_FILE' });
  return files;
}
