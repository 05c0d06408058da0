import { readFileSync } from 'node:fs';
import { MikroORM } from '@mikro-orm/core';
import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { printedSchema } from '../server/schema';
import { ormOptions, type Orm } from '../server/orm';
import { startHub, TEST_ENGINE, type TestHub } from './helpers';

/** Tables, columns, indexes and constraints as SQLite stores them, case and spacing folded. */
async function ddl(orm: Orm): Promise<string[]> {
  const rows: { sql: string | null }[] = await orm.em.fork().getConnection().execute(
    // Triggers come from migrations only (the data generation's; tests/cache.test.ts checks them).
    "select sql from sqlite_master where name not like 'sqlite_%' and name <> 'mikro_orm_migrations' and type <> 'trigger' and sql is not null order by name",
  );
  return rows.map((r) => r.sql!.replace(/\s+/g, ' ').toLowerCase());
}

describe('schema', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub({ seed: false });
  });
  afterAll(() => hub.close());

  it('committed SDL matches the classes (run npm run schema:print when this fails)', async () => {
    expect(readFileSync('schema/schema.graphql', 'utf8')).toBe(await printedSchema());
  });

  it.runIf(TEST_ENGINE === 'postgresql')('a database built by the migrations has an empty schema diff against the entities', async () => {
    const diff = await hub.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });

  // MikroORM's SQLite schema reader reports spurious diffs for tables with check constraints, so on
  // SQLite the migrated database is compared with one that MikroORM creates from the entities.
  it.runIf(TEST_ENGINE === 'sqlite')('a database built by the migrations matches one built straight from the entities', async () => {
    const fromEntities = await MikroORM.init(await ormOptions({ engine: 'sqlite', path: ':memory:' }));
    try {
      await fromEntities.getSchemaGenerator().createSchema();
      const expected = await ddl(fromEntities);
      expect(expected.length).toBeGreaterThan(20);
      expect(await ddl(hub.orm)).toEqual(expected);
    } finally {
      await fromEntities.close();
    }
  });
});
