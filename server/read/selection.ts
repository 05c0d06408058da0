import {
  Kind,
  TypeNameMetaFieldDef,
  getArgumentValues,
  getNamedType,
  isObjectType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type SelectionSetNode,
  type DirectiveNode,
} from 'graphql';

/** What a selection needs from the operation: its fragments and variables. */
export interface Operation {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variableValues: Record<string, unknown>;
  /**
   * Keep `__typename` fields (with graphql-js's meta field definition) and refuse other introspection
   * fields (compiled reads answer every key); the read layer's resolvers leave them to graphql-js.
   */
  typename?: boolean;
}

/** One response key of a selection: the field, its merged nodes, its type. */
export interface Selected {
  key: string;
  name: string;
  nodes: FieldNode[];
  def: GraphQLField<unknown, unknown>;
  /** The object type the field returns (lists and non-null unwrapped), if it is one. */
  type: GraphQLObjectType | null;
}

export function operationOf(info: GraphQLResolveInfo): Operation {
  return { schema: info.schema, fragments: info.fragments, variableValues: info.variableValues };
}

function included(op: Operation, directives: readonly DirectiveNode[] | undefined): boolean {
  for (const d of directives ?? []) {
    const name = d.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const arg = d.arguments?.find((a) => a.name.value === 'if');
    if (!arg) continue;
    const value = arg.value.kind === Kind.VARIABLE ? op.variableValues[arg.value.name.value] : arg.value.kind === Kind.BOOLEAN ? arg.value.value : undefined;
    if (name === 'skip' && value === true) return false;
    if (name === 'include' && value !== true) return false;
  }
  return true;
}

/** The fields a set of nodes selects on `type`, by response key, fragments expanded (graphql-js's collectFields). */
export function selectedFields(op: Operation, type: GraphQLObjectType, nodes: readonly FieldNode[]): Map<string, Selected> {
  const out = new Map<string, Selected>();
  const defs = type.getFields();
  const visited = new Set<string>();
  const walk = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (!included(op, s.directives)) continue;
      if (s.kind === Kind.FIELD) {
        const name = s.name.value;
        if (name.startsWith('__') && !op.typename) continue;
        const key = s.alias?.value ?? name;
        const found = out.get(key);
        if (found) found.nodes.push(s);
        else {
          if (name.startsWith('__') && name !== '__typename') throw new Error(`introspection field ${name} in a compiled read`);
          const def = name === '__typename' ? TypeNameMetaFieldDef : defs[name];
          if (!def) continue;
          const named = getNamedType(def.type);
          out.set(key, { key, name, nodes: [s], def, type: isObjectType(named) ? named : null });
        }
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        if (!s.typeCondition || s.typeCondition.name.value === type.name) walk(s.selectionSet);
      } else if (s.kind === Kind.FRAGMENT_SPREAD) {
        const name = s.name.value;
        const frag = op.fragments[name];
        if (!frag || visited.has(name) || frag.typeCondition.name.value !== type.name) continue;
        visited.add(name);
        walk(frag.selectionSet);
      }
    }
  };
  for (const n of nodes) walk(n.selectionSet);
  return out;
}

/** The fields of a selection set (an operation's) on `type`. */
export function selectedIn(op: Operation, type: GraphQLObjectType, set: SelectionSetNode): Map<string, Selected> {
  return selectedFields(op, type, [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: '' }, selectionSet: set }]);
}

/** The sub-selection of a selected field (on the type it returns). */
export function subfields(op: Operation, field: Selected): Map<string, Selected> {
  return field.type ? selectedFields(op, field.type, field.nodes) : new Map();
}

/** The field's arguments as graphql-js hands them to a resolver (defaults applied, variables read). */
export function argumentsOf(op: Operation, field: Selected): Record<string, unknown> {
  return getArgumentValues(field.def, field.nodes[0], op.variableValues);
}
