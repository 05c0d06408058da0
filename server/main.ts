import { readConfig } from './config';
import { createApp } from './app';

const config = readConfig();
const hub = await createApp({
  database: config.database,
  seedOnEmpty: config.seedOnEmpty,
  security: config.security,
  firstAdmin: config.firstAdmin,
  responseCacheMb: config.responseCacheMb,
  logger: process.env.LOG !== 'false',
});
await hub.app.listen({ port: config.port, host: config.host });
console.log(`Plan Hub: http://localhost:${config.port}/  GraphQL: http://localhost:${config.port}/graphql`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await hub.close();
    process.exit(0);
  });
}
