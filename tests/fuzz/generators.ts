// Generators for the GraphQL fuzzer (tests/fuzz/graphql.fuzz.test.ts): requests built from the
// schema itself, so a new field or argument is fuzzed without touching this file.
import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLOutputType,
} from 'graphql';

/** One HTTP request: method, path, headers and the raw body text (or none). */
export interface FuzzRequest {
  label: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** The root mutation fields this request may run (for the data check). */
  mutations: string[];
}

// ---------------------------------------------------------------------------------------------
// Edge values per scalar
// ---------------------------------------------------------------------------------------------

/** C0 and C1 control characters, NUL included, and a few other awkward code points. */
const CONTROL = ['\u0000', '\u0001', '\u0007', '\b', '\t', '\n', '\u000b', '\f', '\r', '\u001b', '\u001f', '\u007f', '\u0080', '\u0085', '\u009f'];
const AWKWARD = ['\u200b', '\u2028', '\ufeff', '\ud83d\ude00', '\ud800', '%', '_', '\\', "'", '"', '`', '区住建局', '万元'];

/** Strings from empty to very long, with control characters among ordinary text. */
export const edgeString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('', ' ', 'a', '住建', '区住建局', 'GDP', '%', '_%_', '2020', '1', 'ADMIN', 'null') },
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...CONTROL, ...AWKWARD, 'a', '局', ' '), { minLength: 1, maxLength: 12 }).map((parts) => parts.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  // NUL and other control characters inside ordinary words, the likeliest to reach SQL as they are.
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('区住建局', 'a', 'GDP 增速', ''), fc.constantFrom('\u0000', '\u0000\u0000', '\u0001', '\u001b', '\u0085'), fc.constantFrom('b', '万元', '')).map(([a, c, b]) => a + c + b) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(10, 199, 200, 201, 300, 301, 5_000, 20_001, 70_000), fc.constantFrom('', ...CONTROL), fc.constantFrom('x', '局'))
      .map(([n, c, ch]) => ch.repeat(Math.floor(n / 2)) + c + ch.repeat(Math.ceil(n / 2))),
  },
);

const edgeInt = fc.oneof(
  fc.constantFrom(0, 1, -1, 2, 5, 20, 100, 999, 1000, 1001, 100_000, 100_001, 1949, 2200, 2_147_483_647, -2_147_483_648),
  fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }),
);
const edgeFloat = fc.oneof(fc.constantFrom(0, -0, 0.1, -1.5, 1e308, -1e308, 5e-324, 123456789.123), fc.double({ noNaN: true, noDefaultInfinity: true }));
const edgeId = fc.oneof(fc.constantFrom('1', '2', '3', '10', '20', '0', '-1', '1.5', 'abc', '', ' 1', '99999999999999999999', '\u00001'), fc.nat(300).map(String));
const edgeDate = fc.constantFrom('2020-01-01T00:00:00Z', '2026-11-29T23:59:59.999Z', '1970-01-01T00:00:00Z', 'yesterday', '', '2020-13-45T99:99:99Z', '9999-12-31T23:59:59Z');

/** A JSON value of the wrong type for whatever is declared (a boolean for a String, an object for an Int…). */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.boolean(),
  fc.constantFrom({}, { a: 1 }, [], [1, 'x'], 1.5, -0, 1e300, 'not-a-number', '', null),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.integer(), fc.boolean(), fc.string({ maxLength: 5 })), { maxKeys: 3 }),
);

// ---------------------------------------------------------------------------------------------
// Values for any input type of the schema
// ---------------------------------------------------------------------------------------------

export interface ValueOptions {
  /** Chance (0..1) that a value is replaced by one of the wrong JSON type. */
  wrongRate: number;
  /** Input fields never generated (e.g. UpdateUserInput.password: a fuzzer must not lock itself out). */
  skipFields?: Set<string>;
}

function scalarArb(name: string): fc.Arbitrary<unknown> {
  switch (name) {
    case 'String':
      return edgeString;
    case 'Int':
      return edgeInt;
    case 'Float':
      return edgeFloat;
    case 'Boolean':
      return fc.boolean();
    case 'ID':
      return edgeId;
    case 'DateTime':
      return edgeDate;
    default:
      return fc.oneof(edgeString, edgeInt, fc.boolean());
  }
}

/** A value for `type`, mostly of the right shape, sometimes wrong (opts.wrongRate). */
export function valueFor(type: GraphQLInputType, opts: ValueOptions, depth = 0): fc.Arbitrary<unknown> {
  const right = rightValueFor(type, opts, depth);
  if (opts.wrongRate <= 0) return right;
  const wrongWeight = Math.max(1, Math.round(opts.wrongRate * 100));
  return fc.oneof({ weight: 100 - wrongWeight, arbitrary: right }, { weight: wrongWeight, arbitrary: wrongValue });
}

function rightValueFor(type: GraphQLInputType, opts: ValueOptions, depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return valueFor(type.ofType, opts, depth);
  if (isListType(type)) return fc.array(valueFor(type.ofType, opts, depth + 1), { maxLength: depth > 1 ? 1 : 3 });
  if (isEnumType(type)) return fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...type.getValues().map((v) => v.name)) }, { weight: 1, arbitrary: fc.constant('NOT_A_VALUE') });
  if (isScalarType(type)) return scalarArb(type.name);
  if (isInputObjectType(type)) {
    if (depth > 3) return fc.constant({});
    const fields = Object.values(type.getFields()).filter((f) => !opts.skipFields?.has(`${type.name}.${f.name}`));
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const f of fields) model[f.name] = valueFor(f.type, opts, depth + 1);
    const requiredKeys = fields.filter((f) => isNonNullType(f.type)).map((f) => f.name);
    const optionalKeys = fields.filter((f) => !isNonNullType(f.type)).map((f) => f.name);
    // Mostly one or two optional fields (so a single bad value is what reaches the server), sometimes all.
    const few = fc.tuple(fc.record(model, { requiredKeys: fields.map((f) => f.name) }), fc.subarray(optionalKeys, { maxLength: Math.min(2, optionalKeys.length) })).map(([full, keep]) => {
      const out: Record<string, unknown> = {};
      for (const k of [...requiredKeys, ...keep]) out[k] = full[k];
      return out;
    });
    return fc.oneof({ weight: 3, arbitrary: few }, { weight: 1, arbitrary: fc.record(model, { requiredKeys }) });
  }
  return fc.constant(null);
}

// ---------------------------------------------------------------------------------------------
// Operations from root fields
// ---------------------------------------------------------------------------------------------

/** A selection of leaf fields of `type`, one level of objects below (no arguments needed). */
export function selectionFor(type: GraphQLOutputType, depth = 0): string {
  const named = getNamedType(type) as GraphQLNamedType;
  if (isLeafType(named)) return '';
  if (!isObjectType(named)) return '{ __typename }';
  const parts: string[] = [];
  for (const field of Object.values((named as GraphQLObjectType).getFields())) {
    if (field.args.some((a) => isNonNullType(a.type))) continue;
    const inner = getNamedType(field.type);
    if (isLeafType(inner)) parts.push(field.name);
    else if (depth < 2) parts.push(`${field.name} ${selectionFor(field.type, depth + 1)}`);
  }
  return `{ ${parts.length ? parts.join(' ') : '__typename'} }`;
}

export interface Operation {
  field: string;
  kind: 'query' | 'mutation';
  document: string;
  variables: Record<string, unknown>;
  operationName?: string;
}

type OperationNameMode = 'match' | 'absent' | 'unknown' | 'two-ops-none';

/** A whole operation on one root field: every argument as a variable with an edge value. */
export function operationFor(
  field: GraphQLField<unknown, unknown>,
  kind: 'query' | 'mutation',
  opts: ValueOptions,
): fc.Arbitrary<Operation> {
  const args = field.args;
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const a of args) model[a.name] = valueFor(a.type, opts);
  const present = fc.subarray(args.map((a) => a.name));
  const mode = fc.constantFrom<OperationNameMode>('match', 'match', 'match', 'absent', 'unknown', 'two-ops-none');
  return fc.tuple(fc.record(model, { requiredKeys: [] }), present, mode).map(([values, chosen, nameMode]) => {
    // Required arguments are always given (otherwise the document is simply invalid); others when chosen.
    const used = args.filter((a) => isNonNullType(a.type) || chosen.includes(a.name));
    const defs = used.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
    const call = used.length ? `(${used.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
    const name = `Fuzz_${field.name}`;
    const body = `${field.name}${call} ${selectionFor(field.type)}`;
    const variables: Record<string, unknown> = {};
    for (const a of used) if (a.name in values) variables[a.name] = values[a.name];
    let document = `${kind} ${name}${defs ? `(${defs})` : ''} { ${body} }`;
    let operationName: string | undefined = name;
    if (nameMode === 'absent') operationName = undefined;
    if (nameMode === 'unknown') operationName = 'NoSuchOperation';
    if (nameMode === 'two-ops-none') {
      document += ' query Other { __typename }';
      operationName = undefined;
    }
    return { field: field.name, kind, document, variables, operationName };
  });
}

/** Operations over every root field of the kind. */
export function operations(schema: GraphQLSchema, kind: 'query' | 'mutation', opts: ValueOptions, exclude: Set<string> = new Set()): fc.Arbitrary<Operation> {
  const root = kind === 'query' ? schema.getQueryType() : schema.getMutationType();
  const fields = Object.values(root!.getFields()).filter((f) => !exclude.has(f.name));
  return fc.oneof(...fields.map((f) => operationFor(f, kind, opts)));
}

const JSON_HEADERS = { 'content-type': 'application/json' };

export function postJson(label: string, payload: unknown, mutations: string[] = [], headers: Record<string, string> = {}): FuzzRequest {
  return { label, method: 'POST', url: '/graphql', headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(payload), mutations };
}

export function operationRequest(op: Operation): FuzzRequest {
  return postJson(`${op.kind} ${op.field}`, { query: op.document, variables: op.variables, operationName: op.operationName }, op.kind === 'mutation' ? [op.field] : []);
}

// ---------------------------------------------------------------------------------------------
// Malformed requests: bodies, content types, GET parameters, batches, huge and deep documents
// ---------------------------------------------------------------------------------------------

const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/graphql',
  'application/graphql-response+json',
  'text/plain',
  'text/plain; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/octet-stream',
  '',
  'garbage',
  'application/json; boundary',
);

const rawBodies = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '{"query": ',
    '[',
    '[]',
    '{}',
    'null',
    'true',
    '0',
    '"query"',
    '{"query": null}',
    '{"query": 5}',
    '{"query": ""}',
    '{"query": "{"}',
    '{"query": "{ plans { code } }", "variables": "x"}',
    '{"query": "{ plans { code } }", "variables": [1]}',
    '{"query": "{ plans { code } }", "operationName": 5}',
    '{"query": "{ plans { code } }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "abc"}}}',
    '{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "abc"}}}',
    '{"query": "{ plans { code } }"}garbage',
    '\u0000\u0000\u0000',
    '{"query":"{ plans { code } }","__proto__":{"x":1}}',
    '{"query":"{ plans { code } }","constructor":{"prototype":{"polluted":true}}}',
  ),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.json({ maxDepth: 3 }),
);

export const malformedRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc.tuple(rawBodies, contentTypes).map(([body, type]): FuzzRequest => ({
    label: `raw body as ${type || '(no type)'}`,
    method: 'POST' as const,
    url: '/graphql',
    headers: type ? { 'content-type': type, 'apollo-require-preflight': 'true' } : ({ 'apollo-require-preflight': 'true' } as Record<string, string>),
    body,
    mutations: [],
  })),
  fc
    .tuple(
      fc.constantFrom('{ plans { code } }', '{ indicators { totalCount } }', 'query Q { __typename }', '{', '', 'mutation { logout }', '{ __schema { types { name } } }'),
      fc.option(fc.constantFrom('{}', '{x', '[1]', 'null', '"s"', '{"limit":"x"}'), { nil: undefined }),
      fc.option(fc.constantFrom('Q', 'Nope', '', '\u0000'), { nil: undefined }),
      fc.option(fc.constantFrom('{}', '{"persistedQuery":{"version":1,"sha256Hash":"x"}}', '{x'), { nil: undefined }),
      fc.boolean(),
    )
    .map(([query, variables, operationName, extensions, preflight]): FuzzRequest => {
      const params = new URLSearchParams({ query });
      if (variables !== undefined) params.set('variables', variables);
      if (operationName !== undefined) params.set('operationName', operationName);
      if (extensions !== undefined) params.set('extensions', extensions);
      return { label: 'GET', method: 'GET' as const, url: `/graphql?${params}`, headers: preflight ? { 'apollo-require-preflight': 'true' } : ({} as Record<string, string>), mutations: [] };
    }),
  fc.constantFrom<FuzzRequest>(
    { label: 'PUT', method: 'PUT', url: '/graphql', headers: JSON_HEADERS, body: '{"query":"{ plans { code } }"}', mutations: [] },
    { label: 'DELETE', method: 'DELETE', url: '/graphql', headers: {}, mutations: [] },
    { label: 'OPTIONS', method: 'OPTIONS', url: '/graphql', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' }, mutations: [] },
    { label: 'GET no query', method: 'GET', url: '/graphql', headers: { 'apollo-require-preflight': 'true' }, mutations: [] },
    { label: 'GET mutation', method: 'GET', url: '/graphql?query=mutation%20%7B%20logout%20%7D', headers: { 'apollo-require-preflight': 'true' }, mutations: [] },
  ),
);

/** Batched requests: arrays of operations, sometimes far too many, sometimes with junk items. */
export function batchRequest(queryOps: fc.Arbitrary<Operation>): fc.Arbitrary<FuzzRequest> {
  const item = fc.oneof(
    { weight: 4, arbitrary: queryOps.map((op) => ({ query: op.document, variables: op.variables, operationName: op.operationName }) as unknown) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 5, 'x', [], {}, { query: 5 }) },
  );
  return fc
    .oneof(fc.array(item, { minLength: 0, maxLength: 4 }), fc.nat(1000).map((n) => Array.from({ length: n + 1 }, () => ({ query: '{ __typename }' }) as unknown)))
    .map((items) => postJson(`batch of ${items.length}`, items));
}

/** Documents that are big or deep or repetitive: many aliases, deep nesting, long names, many fragments. */
export const heavyDocument: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc.integer({ min: 1, max: 600 }).map((n) => postJson(`${n} aliases of indicators`, { query: `{ ${Array.from({ length: n }, (_, i) => `a${i}: indicators { totalCount }`).join(' ')} }` })),
  fc.integer({ min: 1, max: 600 }).map((n) => postJson(`${n} aliases of plans`, { query: `{ ${Array.from({ length: n }, (_, i) => `p${i}: plans { code }`).join(' ')} }` })),
  fc.integer({ min: 1, max: 400 }).map((n) => postJson(`${n} aliased __typename`, { query: `{ ${Array.from({ length: n }, (_, i) => `t${i}: __typename`).join(' ')} }` })),
  fc.integer({ min: 5, max: 3000 }).map((n) => postJson(`nesting ${n}`, { query: `${'{ plans '.repeat(n)}{ code }${' }'.repeat(n)}` })),
  fc.integer({ min: 5, max: 40 }).map((n) =>
    postJson(`indicator cycle ${n}`, { query: `{ indicators(limit: 1000) { items { ${'specialTargets { indicators { '.repeat(n)} seq ${'} } '.repeat(n)} } } }` }),
  ),
  fc.integer({ min: 2, max: 200 }).map((n) =>
    postJson(`${n} fragments`, {
      query: `{ ...F0 } ${Array.from({ length: n }, (_, i) => `fragment F${i} on Query { plans { code } ${i + 1 < n ? `...F${i + 1}` : ''} }`).join(' ')}`,
    }),
  ),
  fc.constant(postJson('fragment cycle', { query: '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }' })),
  fc.integer({ min: 1000, max: 200_000 }).map((n) => postJson(`long name ${n}`, { query: `{ ${'x'.repeat(n)} }` })),
  fc.integer({ min: 10, max: 3000 }).map((n) => postJson(`${n} directives`, { query: `{ __typename ${'@include(if: true) '.repeat(n)} }` })),
  fc.integer({ min: 100, max: 5000 }).map((n) => postJson(`${n} variables`, { query: `query Q(${Array.from({ length: n }, (_, i) => `$v${i}: Int`).join(' ')}) { __typename }` })),
  fc.integer({ min: 1, max: 4 }).map((mb) => postJson(`${mb} MB query`, { query: `{ __typename } # ${'x'.repeat(mb * 1024 * 1024)}` })),
);
