import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLEnumType, GraphQLInputObjectType, GraphQLNonNull, GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { buildGraphQLSchema } from '../server/schema';
import { GENERATED_PATH, renderDescriptorsModule } from '../server/cli/descriptors';
import { DESCRIPTORS, ENUMS } from '../schema/descriptors';
import type { TableDescriptor } from '../schema/common/descriptor';
import { startHub, type TestHub } from './helpers';

/** Issue 12: one descriptor per table, and every layer takes it from there. */
const ROOT = join(import.meta.dirname, '..');
const tables = Object.values(DESCRIPTORS) as TableDescriptor[];
const gridTables = tables.filter((d) => d.name !== 'plans');
const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);

describe('the generated client module', () => {
  it('is the descriptors as they stand (run `npm run descriptors` after changing one)', () => {
    expect(readFileSync(GENERATED_PATH, 'utf8') === renderDescriptorsModule(), 'client/src/tables/descriptors.generated.ts is stale: run npm run descriptors').toBe(true);
  });

  it('is what the grids read their words from: the client imports no schema words, entity or server code', () => {
    const dir = join(ROOT, 'client/src/tables');
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      for (const from of imports(join(dir, f))) {
        expect(from, `client/src/tables/${f}`).not.toMatch(/\.entity$|\/server\/|schema\/labels|\.descriptor$|schema\/descriptors/);
      }
    }
  });
});

describe('the descriptors', () => {
  it('are plain data: they import only other descriptors and their types', () => {
    const files = [join(ROOT, 'schema/descriptors.ts'), join(ROOT, 'schema/common/descriptor.ts'), join(ROOT, 'schema/common/plan-item.descriptor.ts')];
    for (const dir of readdirSync(join(ROOT, 'schema'))) {
      const d = join(ROOT, 'schema', dir);
      try {
        for (const f of readdirSync(d)) if (f.endsWith('.descriptor.ts')) files.push(join(d, f));
      } catch {}
    }
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const f of files) for (const from of imports(f)) expect(from, f).toMatch(/^\.{1,2}\/(.*\/)?(descriptors|[\w-]+\.descriptor|descriptor)$/);
  });

  it('name each column once per table, in every word a file may use for it', () => {
    const key = (s: string) => s.normalize('NFKC').replace(/[\s_\-*:：]/g, '').toLowerCase();
    for (const d of tables) {
      const seen = new Map<string, string>();
      for (const f of d.fields) {
        for (const h of new Set([f.field, f.label.zh, f.label.en, ...(f.aliases ?? [])].map(key))) {
          expect(seen.get(h), `${d.name}: "${h}" names ${seen.get(h)} and ${f.field}`).toBeUndefined();
          seen.set(h, f.field);
        }
      }
    }
  });

  it('give each enum value one name per language', () => {
    for (const [name, values] of Object.entries(ENUMS)) {
      for (const lang of ['zh', 'en'] as const) {
        const words = Object.values(values).map((l) => l[lang]);
        expect(new Set(words).size, `${name}.${lang}`).toBe(words.length);
      }
    }
  });
});

describe('the descriptors and the GraphQL schema agree', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphQLSchema();
  });

  it('enum values, in order', () => {
    for (const [name, values] of Object.entries(ENUMS)) {
      if (name === 'Boolean') continue;
      const type = schema.getType(name) as GraphQLEnumType;
      expect(type, name).toBeInstanceOf(GraphQLEnumType);
      expect(type.getValues().map((v) => v.name), name).toEqual(Object.keys(values));
    }
  });

  it('fields of the type, and of its input: required ones non-null, the rest nullable', () => {
    for (const d of gridTables) {
      const type = schema.getType(d.typeName) as GraphQLObjectType;
      const input = schema.getType(`${d.typeName}Input`) as GraphQLInputObjectType;
      for (const f of d.fields) {
        if (!f.kind) continue;
        expect(type.getFields()[f.field], `${d.typeName}.${f.field}`).toBeDefined();
        if (['id', 'datetime', 'meta'].includes(f.kind)) continue;
        const arg = input.getFields()[f.patchKey ?? f.field];
        expect(arg, `${d.typeName}Input.${f.patchKey ?? f.field}`).toBeDefined();
        expect(arg.type instanceof GraphQLNonNull, `${d.typeName}Input.${f.field} required`).toBe(!!f.required);
      }
    }
  });

  it('list filter arguments', () => {
    for (const d of gridTables.filter((d) => d.name !== 'departments')) {
      const filter = schema.getType(`${d.typeName}Filter`) as GraphQLInputObjectType;
      const described = d.fields.filter((f) => f.filter).map((f) => (f.filter === 'department' ? 'department' : (f.filterArg ?? f.field)));
      // Every plan table's filter also has search, planCode, a department's role and row ids (the live grid's refetch).
      expect(Object.keys(filter.getFields()).sort(), d.typeName).toEqual([...described, 'search', 'planCode', 'role', 'ids'].sort());
    }
  });
});

describe('lists sort and search by what the descriptor says', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(async () => {
    await hub?.close();
  });

  for (const d of gridTables.filter((d) => d.name !== 'departments')) {
    it(d.name, async () => {
      const sortable = d.fields.filter((f) => f.sortable).map((f) => f.field);
      const texts = d.fields.filter((f) => f.searchable).map((f) => f.field);
      const list = async (args: string, selection = 'id') => hub.gql(`{ ${d.name}(${args}) { totalCount items { ${selection} } } }`).then((r) => r[d.name]);
      for (const field of sortable) expect((await list(`orderBy: [{ field: "${field}", direction: DESC }]`)).totalCount, field).toBeGreaterThan(0);
      const refused = d.fields.find((f) => f.kind && !f.sortable && f.kind !== 'responsibilities' && f.kind !== 'links')!;
      await expect(list(`orderBy: [{ field: "${refused.field}" }]`), refused.field).rejects.toThrow(/cannot sort/);
      const rows = (await list('limit: 1000', `id ${texts.join(' ')}`)).items as Record<string, string>[];
      for (const field of texts) {
        // A piece of one row's text finds that row.
        const row = rows.find((r) => (r[field] ?? '').length >= 4)!;
        const piece = row[field].slice(1, 4);
        const found = (await list(`filter: { search: ${JSON.stringify(piece)} }, limit: 1000`)).items.map((r: { id: string }) => r.id);
        expect(found, `${field}: ${piece}`).toContain(row.id);
      }
    });
  }
});
