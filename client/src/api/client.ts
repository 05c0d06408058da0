import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';

/**
 * The WebSocket for subscriptions (live changes, api/live.ts): graphql-ws at /graphql on the page's
 * own origin, so the session cookie goes with the upgrade as with any request. It opens with the
 * first subscription, closes a while after the last, and reconnects with backoff after a restart.
 */
export const liveSocket = createClient({
  url: () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
  lazy: true,
  lazyCloseTimeout: 3000,
  retryAttempts: Infinity,
  shouldRetry: () => true,
});

/**
 * The one GraphQL client of the app. `credentials: 'include'` sends the session cookie, so the
 * sign-in that comes with accounts (issue 4) needs no change here. Subscriptions (live changes,
 * api/live.ts) go over WebSocket on the same origin and path; everything else over HTTP.
 */
export const apollo = new ApolloClient({
  link: ApolloLink.split(
    ({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION,
    new GraphQLWsLink(liveSocket),
    new HttpLink({ uri: '/graphql', credentials: 'include' }),
  ),
  cache: new InMemoryCache(),
});

/**
 * Grid data bypasses the cache (20,000 indicators do not belong in a normalised cache) and is
 * deep-copied: Apollo freezes results in development, AG Grid writes to the rows it holds.
 */
export const copy = <T,>(value: T): T => (value == null ? value : (JSON.parse(JSON.stringify(value)) as T));
