import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** The page's Content-Security-Policy: our own scripts only; AG Grid sets inline styles on cells. */
const OPTIONS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
    },
  },
};

/** The headers helmet sets with these options, worked out once: with static options they never change. */
export function securityHeaders(options: Readonly<HelmetOptions> = OPTIONS): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => void (headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let failed: unknown;
  helmet(options)({} as never, res as never, (error?: unknown) => void (failed = error));
  if (failed) throw failed;
  return headers;
}

/**
 * Helmet's security headers on every response. @fastify/helmet ran helmet's middleware per request,
 * rebuilding the same strings each time (a tenth of a cached answer's CPU); these are set from a
 * table built at start. Apollo's landing page on GET /graphql loads Sandbox from Apollo's CDN, so it
 * goes without the page CSP.
 */
export function registerSecurityHeaders(app: FastifyInstance) {
  const headers = securityHeaders();
  app.addHook('onRequest', async (_req, reply) => {
    reply.headers(headers);
  });
  app.addHook('onSend', async (req, reply) => {
    if (req.method === 'GET' && req.url.startsWith('/graphql') && String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      reply.removeHeader('content-security-policy');
    }
  });
}
