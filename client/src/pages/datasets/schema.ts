import { useEffect, useState } from 'react';
import { buildClientSchema, getIntrospectionQuery, type GraphQLSchema, type IntrospectionQuery } from 'graphql';

/**
 * The hub's schema as the running server describes it (introspection, with the session cookie):
 * the query editor completes and checks against it, the variables form reads enum values from it.
 * Asked once per page load. Without it (a hub started with INTROSPECTION=false) the editor still
 * highlights and checks syntax, and the server checks the rest on save.
 */
let loading: Promise<GraphQLSchema | null> | null = null;

export function loadHubSchema(): Promise<GraphQLSchema | null> {
  loading ??= (async () => {
    try {
      const res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({ query: getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }), operationName: 'IntrospectionQuery' }),
      });
      const body = (await res.json()) as { data?: IntrospectionQuery };
      return body.data ? buildClientSchema(body.data) : null;
    } catch {
      return null;
    }
  })();
  return loading;
}

/** The schema once it has loaded: undefined while loading, null when the hub does not describe itself. */
export function useHubSchema(): GraphQLSchema | null | undefined {
  const [schema, setSchema] = useState<GraphQLSchema | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void loadHubSchema().then((s) => live && setSchema(s));
    return () => void (live = false);
  }, []);
  return schema;
}
