import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Em, Orm } from '../orm';
import type { Actor } from '../common/actor';
import { AppError, ErrorCode, toAppError } from '../errors';
import { sendRefusal } from '../security/requests';
import { attachmentHeader } from '../evidence/file-name';
import { createServices } from '../services';
import { BULLETIN_FORMATS, CONTENT_TYPES, bulletinFileName, renderBulletin, type BulletinFormat } from './bulletin.render';

export interface BulletinRoutesOptions {
  orm: Orm;
  /** The request's actor, authenticated at the edge as for GraphQL (server/app.ts). */
  authOf(request: FastifyRequest): Promise<{ actor: Actor; authError: AppError | null }>;
  anonymousRead: boolean;
}

const STATUS: Record<string, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

/**
 * The bulletin as a file: `GET /bulletins/2019-06.xlsx` (or `.pdf`, `.html`; `?version=1` for an
 * earlier issue), read with the same rules as `bulletin(month)` in GraphQL (BulletinService.get: a
 * published bulletin for everyone who may read, a draft for signed-in users). HTML is shown inline
 * (the printable page), XLSX and PDF are attachments. Refusals are JSON as the hub's other HTTP
 * refusals. Names without one of the three extensions fall through to the UI (its /bulletins page).
 */
export function registerBulletins(app: FastifyInstance, options: BulletinRoutesOptions) {
  app.get<{ Params: { file: string }; Querystring: { version?: string } }>('/bulletins/:file', async (request, reply) => {
    const match = /^(.+)\.(xlsx|pdf|html)$/i.exec(request.params.file);
    if (!match) return reply.callNotFound();
    const format = match[2].toLowerCase() as BulletinFormat;
    if (!BULLETIN_FORMATS.includes(format)) return reply.callNotFound();
    const { actor, authError } = await options.authOf(request);
    if (authError) return sendRefusal(reply, 401, authError.code, authError.message, authError.details);
    if (actor.role === null && !options.anonymousRead) return sendRefusal(reply, 401, ErrorCode.UNAUTHENTICATED, 'Sign in to use the hub: anonymous reading is turned off here.');
    const version = request.query.version != null && request.query.version !== '' ? Number(request.query.version) : null;
    if (version != null && (!Number.isInteger(version) || version < 1)) return sendRefusal(reply, 400, ErrorCode.BAD_USER_INPUT, `version: "${request.query.version}" is not an issue number (1, 2, …)`, { field: 'version' });
    try {
      const services = createServices(options.orm.em.fork() as Em, actor);
      const bulletin = await services.bulletins.get(decodeURIComponent(match[1]), version);
      const body = await renderBulletin(bulletin, format);
      const name = bulletinFileName(bulletin, format);
      reply.header('content-type', CONTENT_TYPES[format]).header('cache-control', 'no-store');
      reply.header('content-disposition', format === 'html' ? `inline; filename="${name}"` : attachmentHeader(name, 'bulletin'));
      return reply.send(body);
    } catch (error) {
      const known = toAppError(error);
      if (!known) throw error;
      return sendRefusal(reply, STATUS[known.code] ?? 400, known.code, known.message, known.details);
    }
  });
}
