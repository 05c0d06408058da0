import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

/**
 * The one GraphQL client of the app. `credentials: 'include'` sends the session cookie, so the
 * sign-in that comes with accounts (issue 4) needs no change here.
 */
export const apollo = new ApolloClient({
  link: new HttpLink({ uri: '/graphql', credentials: 'include' }),
  cache: new InMemoryCache(),
});

/**
 * Grid data bypasses the cache (20,000 indicators do not belong in a normalised cache) and is
 * deep-copied: Apollo freezes results in development, AG Grid writes to the rows it holds.
 */
export const copy = <T,>(value: T): T => (value == null ? value : (JSON.parse(JSON.stringify(value)) as T));
