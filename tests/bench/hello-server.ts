/**
 * The peer the hub is measured against: a hello-world Apollo Server 5 with its own standalone HTTP
 * server, `type Query { hello: String }`, run as its own process like the hub.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const server = new ApolloServer({
  typeDefs: 'type Query { hello: String }',
  resolvers: { Query: { hello: () => 'world' } },
});
const { url } = await startStandaloneServer(server, { listen: { port: Number(process.env.PORT ?? 4100), host: '127.0.0.1' } });
console.log(`hello-world Apollo: ${url}`);
