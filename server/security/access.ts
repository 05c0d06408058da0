import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type SelectionSetNode } from 'graphql';
import type { Context } from '../context';
import { PUBLIC_ROOT_FIELDS } from '../public/public.fields';

/** Root fields that answer whatever the credential: signing in and out, and who am I. */
const OPEN_FIELDS = new Set(['login', 'logout', 'me', '__typename']);

function rootFields(set: SelectionSetNode | undefined): string[] {
  return (set?.selections ?? []).flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : s.kind === Kind.INLINE_FRAGMENT ? rootFields(s.selectionSet) : ['...']));
}

/**
 * Once per operation, before anything runs: a request with a bad credential is refused (it must sign
 * in again), and anonymous reading happens only where the ANONYMOUS_READ setting allows it. Writes are
 * checked again, with the row, by the services. (A plugin rather than a field middleware, which would
 * wrap every field of every row.)
 */
export function accessPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          if (rootFields(operation?.selectionSet).every((f) => OPEN_FIELDS.has(f) || PUBLIC_ROOT_FIELDS.has(f))) return;
          if (contextValue.authError) {
            throw new GraphQLError(contextValue.authError.message, { extensions: { code: contextValue.authError.code, http: { status: 401 } } });
          }
          if (contextValue.actor.role === null && contextValue.anonymousRead === false) {
            throw new GraphQLError('Sign in to use the hub: anonymous reading is turned off here.', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
          }
        },
      };
    },
  };
}
