/**
 * A second peer, to split what the hub's answer costs: the cross-link query answered by the same
 * stack as the hub (Fastify 5 + @as-integrations/fastify + Apollo Server 5, graphql-js), but with
 * plain resolvers over the four hand-written SQL statements of the floor (no ORM, no type-graphql,
 * no per-request services), on the same number of connections as the hub's ORM (SQLite one, PostgreSQL
 * a pool of 10). Its schema is the slice of the hub's schema the query touches.
 */
import Fastify from 'fastify';
import { ApolloServer } from '@apollo/server';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import { parseDatabaseUrl } from '../../server/config';
import { openFloor } from './queries';

const typeDefs = `
  enum IndicatorAttribute { EXPECTED BINDING }
  enum ResponsibilityRole { LEAD SUPPORT }
  enum TargetKind { EXACT APPROX AT_LEAST AT_MOST RELATIVE ASSIGNED }
  type Query { department(code: String, name: String): Department }
  type Department { id: ID! name: String! indicators(attribute: IndicatorAttribute, role: ResponsibilityRole, planCode: String): [Indicator!]! }
  type Indicator { id: ID! seq: Int! name: String! unit: String! targetText: String! targetKind: TargetKind! targetValue: Float
    responsibilities: [Responsibility!]! specialTargets: [SpecialTarget!]! }
  type Responsibility { id: ID! role: ResponsibilityRole! note: String department: Department! }
  type SpecialTarget { id: ID! seq: Int! title: String! }
`;

const database = parseDatabaseUrl(process.env.DATABASE_URL!);
const floor = await openFloor({ engine: database.engine, database, url: process.env.DATABASE_URL!, drop: async () => {} }, 10);

const apollo = new ApolloServer({
  typeDefs,
  resolvers: {
    Query: { department: (_: unknown, a: { name?: string; code?: string }) => ({ lookup: a.name ?? a.code }) },
    Department: {
      // Only the cross-link (BINDING, LEAD) is served: the peer exists for that one query.
      indicators: async (d: { lookup?: string; indicators?: unknown }) => d.indicators ?? ((await floor.crossLink(d.lookup!)).department?.indicators ?? []),
    },
  },
});
const app = Fastify({ logger: false });
apollo.addPlugin(fastifyApolloDrainPlugin(app));
await apollo.start();
await app.register(fastifyApollo(apollo));
app.get('/health', async () => ({ ok: true }));
await app.listen({ port: Number(process.env.PORT ?? 4200), host: '127.0.0.1' });
console.log('ceiling peer listening');
