import Negotiator from 'negotiator';
import type { FastifyRequest } from 'fastify';

/** The single-result media types Apollo Server answers with (its MEDIA_TYPES), JSON first. */
const MEDIA = ['application/json; charset=utf-8', 'application/graphql-response+json; charset=utf-8'];

/**
 * The content type Apollo Server would give a single GraphQL result for this Accept header (its
 * chooseContentTypeForSingleResultResponse, by the same negotiator), for the answers the hub writes
 * itself (compiled reads, the answer cache). Null: leave the request to Apollo — it asks for
 * multipart (incremental delivery), the callback spec, or nothing Apollo serves (a 406).
 */
export function responseType(accept: string | undefined): string | null {
  if (!accept) return MEDIA[0];
  if (/multipart/i.test(accept)) return null;
  const preferred = new Negotiator({ headers: { accept } }).mediaType([...MEDIA, 'application/json; callbackSpec=1.0; charset=utf-8']);
  return preferred && MEDIA.includes(preferred) ? preferred : null;
}

/**
 * For a POST /graphql the hub may answer itself (compiled reads, the answer cache): the content type
 * to answer with, or null to leave it to Apollo — not a JSON body, extensions Apollo acts on (a
 * persisted query's hash; Apollo Client 4's `clientLibrary` only says who asks), or an Accept above.
 */
export function ownAnswerType(request: FastifyRequest): string | null {
  if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) return null;
  const extensions = (request.body as { extensions?: unknown } | undefined)?.extensions;
  if (extensions != null && (typeof extensions !== 'object' || Object.keys(extensions).some((k) => k !== 'clientLibrary'))) return null;
  return responseType(request.headers.accept);
}
