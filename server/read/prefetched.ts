import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

/**
 * A read row carries the answers to its relation fields (and planCode), fetched for all rows of a
 * level at once, by response key: `row[PREFETCHED][key]` is the value, or the Error the field
 * answers with. The schema's resolvers of those fields hand it out before anything else runs, so a
 * row of a 1,000-row page costs no promise, no loader call and no type-graphql conversion per field.
 */
export const PREFETCHED = Symbol('prefetched');

export type Prefetched = Record<string, unknown>;

/** Wraps every resolver of the types the read layer serves: a prefetched answer first, else the resolver (entities: mutations, single rows). */
export function servePrefetched(schema: GraphQLSchema, typeNames: readonly string[]): GraphQLSchema {
  for (const name of typeNames) {
    const type = schema.getType(name);
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve) continue;
      const wrapped: GraphQLFieldResolver<unknown, unknown> = (root, args, ctx, info) => {
        const pre = (root as { [PREFETCHED]?: Prefetched })[PREFETCHED];
        if (pre !== undefined) {
          const value = pre[info.path.key as string];
          if (value !== undefined) {
            if (value instanceof Error) throw value;
            return value;
          }
        }
        return resolve(root, args, ctx, info);
      };
      field.resolve = wrapped;
    }
  }
  return schema;
}
