import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, toAppError } from '../errors';

/** Codes for refusals at the HTTP edge, before GraphQL sees the request. */
export const EDGE_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  431: 'REQUEST_HEADER_FIELDS_TOO_LARGE',
};

const MESSAGES: Record<string, (e: FastifyError, limit: number) => string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: (_e, limit) => `The request body is larger than ${limit} bytes (MAX_BODY_BYTES).`,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => 'Send GraphQL requests as application/json (POST) or as GET parameters.',
  FST_ERR_CTP_INVALID_JSON_BODY: () => 'The body is not valid JSON.',
  FST_ERR_CTP_EMPTY_JSON_BODY: () => 'The body is empty: send {"query": "…"}.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => 'The Content-Length header does not match the body.',
};

/** A GraphQL-shaped refusal: `{ errors: [{ message, extensions: { code } }] }`. */
export function sendRefusal(reply: FastifyReply, status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  return reply.code(status).type('application/json; charset=utf-8').send({ errors: [{ message, extensions: { code, ...extra } }] });
}

/**
 * Errors raised by Fastify itself (body parsing, size, media type) are answered like GraphQL errors,
 * with a code and without Fastify's internal error codes; anything unexpected is logged and masked.
 */
export function registerEdgeErrors(app: FastifyInstance, bodyLimit: number) {
  app.setErrorHandler((error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      // A database that cannot answer before GraphQL runs (the credential check at the edge waiting
      // for a pooled connection, a full or read-only disk) is a 503 with the same code GraphQL gives.
      const known = toAppError(error);
      if (known?.code === ErrorCode.SERVICE_UNAVAILABLE) return sendRefusal(reply.header('retry-after', '5'), 503, known.code, known.message, known.details);
      console.error('[plan-hub] unexpected error', error);
      return sendRefusal(reply, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    }
    const code = EDGE_CODES[status] ?? 'BAD_REQUEST';
    const message = MESSAGES[error.code]?.(error, bodyLimit) ?? 'The request could not be read.';
    return sendRefusal(reply, status, code, message, status === 413 ? { maxBytes: bodyLimit } : {});
  });
}

/** Batched requests (a JSON array of operations) are refused above `maxOperations`, before any runs. */
export function registerBatchLimit(app: FastifyInstance, maxOperations: number) {
  app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'POST' || !Array.isArray(request.body)) return;
    const n = request.body.length;
    if (n > maxOperations) {
      return sendRefusal(reply, 400, 'BATCH_TOO_LARGE', `The batch holds ${n} operations; the limit is ${maxOperations} (MAX_BATCH_OPERATIONS).`, { operations: n, maxOperations });
    }
    if (n === 0) return sendRefusal(reply, 400, 'BAD_REQUEST', 'The batch is empty.');
  });
}

/** Methods GraphQL does not use get 405 with a coded error, not the generic not-found answer. */
export function registerOtherMethods(app: FastifyInstance) {
  app.route({
    method: ['PUT', 'DELETE', 'PATCH'],
    url: '/graphql',
    handler: (_request, reply) => sendRefusal(reply.header('allow', 'GET, POST'), 405, 'METHOD_NOT_ALLOWED', 'Use POST (or GET for queries) for GraphQL.'),
  });
}
