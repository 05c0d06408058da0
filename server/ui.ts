import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIST = fileURLToPath(new URL('../client/dist/', import.meta.url));
const PLACEHOLDER = fileURLToPath(new URL('../client/placeholder.html', import.meta.url));

/**
 * Serves the built admin UI (client/dist) on the API's port, with index.html for the UI's own
 * routes (/indicators, /department?name=住建 …); before the first build, a placeholder page that
 * points at /graphql. Built files carry a content hash, so they are cached for a year; index.html
 * is revalidated on every load, so a new build shows at once. The build writes .br/.gz beside
 * each file and the smallest one the browser accepts is sent.
 */
export async function registerUi(app: FastifyInstance) {
  if (!existsSync(`${DIST}index.html`)) {
    const page = readFileSync(PLACEHOLDER, 'utf8');
    app.get('/', (_req, reply) => reply.type('text/html; charset=utf-8').send(page));
    return;
  }
  await app.register(fastifyStatic, {
    root: DIST,
    wildcard: true,
    preCompressed: true,
    cacheControl: false,
    setHeaders(reply, path) {
      reply.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.setNotFoundHandler((req, reply) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && !req.url.startsWith('/graphql') && !req.url.split('?')[0].includes('.')) return reply.sendFile('index.html');
    return reply.code(404).send({ error: 'not found' });
  });
}
