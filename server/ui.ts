import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIST = fileURLToPath(new URL('../client/dist/', import.meta.url));
const PLACEHOLDER = fileURLToPath(new URL('../client/placeholder.html', import.meta.url));

/**
 * Serves the built admin UI (client/dist) on the API's port, with index.html for the UI's own
 * routes; before the first build, a placeholder page that points at /graphql.
 */
export async function registerUi(app: FastifyInstance) {
  if (!existsSync(`${DIST}index.html`)) {
    const page = readFileSync(PLACEHOLDER, 'utf8');
    app.get('/', (_req, reply) => reply.type('text/html; charset=utf-8').send(page));
    return;
  }
  await app.register(fastifyStatic, { root: DIST, wildcard: false });
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !req.url.startsWith('/graphql') && !req.url.includes('.')) return reply.sendFile('index.html');
    return reply.code(404).send({ error: 'not found' });
  });
}
