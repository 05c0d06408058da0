import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { Role } from '../../schema/accounts/account.enums';
import { createServices } from '../../server/services';
import { AppError, BulkRefusal } from '../../server/errors';
import type { Em } from '../../server/orm';
import type { Actor } from '../../server/common/actor';
import { startHub, type TestHub } from '../helpers';
import { snapshot } from './support';

// The services' bulk methods (the import's one way in) and the fields their refusals name: the
// service's own input (name), while GraphQL clients keep seeing the argument in front (patch.name).

describe('the services the transfer code writes through', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(async () => hub?.close());

  /** Runs `fn` on the services of `actor` in one transaction that is rolled back unless `commit`. */
  async function inTransaction<T>(actor: Actor, fn: (s: ReturnType<typeof createServices>, em: Em) => Promise<T>, commit = false): Promise<T> {
    const em = hub.orm.em.fork() as Em;
    await em.begin();
    try {
      const out = await fn(createServices(em, actor), em);
      if (commit) await em.commit();
      else await em.rollback();
      return out;
    } catch (error) {
      await em.rollback();
      throw error;
    }
  }
  const refusal = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (error) {
      return error;
    }
    throw new Error('expected a refusal');
  };

  it('a service names the field of its own input; the GraphQL answer puts the argument in front', async () => {
    const { indicators } = await hub.gql('{ indicators(limit: 1) { items { id } } }');
    const id = indicators.items[0].id;
    const own = (await inTransaction(hub.admin, (s) => refusal(s.indicators.update(id, { name: null })))) as AppError;
    expect(own).toBeInstanceOf(AppError);
    expect([own.details.field, own.message]).toEqual(['name', 'name: name cannot be null']);
    const resp = (await inTransaction(hub.admin, (s) => refusal(s.indicators.update(id, { responsibilities: [{ department: '住建部', role: 'LEAD' as never }] })))) as AppError;
    expect(resp.details.field).toBe('responsibilities[0].department');
    const [gql] = await hub.gqlErrors('mutation($id: ID!) { updateIndicator(id: $id, patch: { name: null }) { id } }', { id });
    expect([gql.extensions.field, gql.message]).toEqual(['patch.name', 'patch.name: name cannot be null']);
    const [dep] = await hub.gqlErrors('mutation { createDepartment(input: { code: "x-new", name: "区住建局", nameEn: "Dup" }) { id } }');
    expect(dep.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.name' });
  });

  it('createMany checks the permission inside: an editor is refused and nothing is written', async () => {
    const editor = await hub.user('bulk-editor', Role.EDITOR, '区住建局');
    const before = await snapshot(hub);
    const error = (await inTransaction(
      editor,
      async (s) => {
        const plan = await s.plans.resolve(null, 'planCode');
        return refusal(s.standards.createMany({ id: plan.id, code: plan.code }, [{ seq: 900, values: { name: '新标准', releaseYear: 2020 } }]));
      },
      true,
    )) as AppError;
    expect([error.code, error.message]).toEqual(['FORBIDDEN', expect.stringContaining('create Standard rows')]);
    expect(await snapshot(hub)).toEqual(before);
  });

  it('createMany writes the rows, their responsibilities and the CREATE entries create() writes', async () => {
    const [ids, entries, code] = await inTransaction(hub.admin, async (s, em) => {
      const plan = await s.plans.resolve(null, 'planCode');
      const zjj = (await s.departments.find('住建'))!;
      const made = await s.standards.createMany({ id: plan.id, code: plan.code }, [
        { seq: 901, values: { name: ' 标准甲 ', releaseYear: 2019 }, responsibilities: [{ departmentId: zjj.id, code: zjj.code, role: 'LEAD', note: '牵头' }] },
        { seq: 902, values: { name: '标准乙', releaseYear: 2018 } },
      ]);
      const rows = await s.standards.list({ planCode: plan.code }, [], 1000);
      const audit = await s.audit.list({ entity: 'Standard', action: 'CREATE' as never });
      em.clear();
      return [
        made.map((id) => rows.items.find((r) => r.id === id)).map((r) => r && { seq: r.seq, name: r.name, releaseYear: r.releaseYear, version: r.version }),
        audit.filter((e) => made.map(String).includes(e.entityId)).map((e) => JSON.parse(e.after!)).sort((a, b) => a.seq - b.seq),
        zjj.code,
      ] as const;
    });
    expect(code).toBe('housing');
    expect(ids).toEqual([
      { seq: 901, name: '标准甲', releaseYear: 2019, version: 1 },
      { seq: 902, name: '标准乙', releaseYear: 2018, version: 1 },
    ]);
    expect(entries).toEqual([
      { planCode: 'binjiang-13th', seq: 901, name: '标准甲', releaseYear: 2019, responsibilities: [{ department: code, role: 'LEAD', note: '牵头' }] },
      { planCode: 'binjiang-13th', seq: 902, name: '标准乙', releaseYear: 2018 },
    ]);
  });

  it('updateMany names the row it refuses: a row changed since it was read is a CONFLICT at its index', async () => {
    const { standards } = await hub.gql('{ standards(limit: 2) { items { id version name } } }');
    const [a, b] = standards.items;
    const error = await inTransaction(hub.admin, (s) =>
      refusal(s.standards.updateMany([
        { id: Number(a.id), version: a.version, patch: { name: `${a.name}（新）` } },
        { id: Number(b.id), version: b.version + 1, patch: { name: `${b.name}（新）` } },
      ])),
    );
    expect(error).toBeInstanceOf(BulkRefusal);
    expect([(error as BulkRefusal).index, (error as BulkRefusal).error.code]).toEqual([1, 'CONFLICT']);
  });

  it('upsertMany and deleteMany of departments refuse at the item that breaks a rule', async () => {
    const taken = (await inTransaction(hub.admin, (s) =>
      refusal(s.departments.upsertMany([
        { code: 'bulk-a', name: '新单位甲', nameEn: 'Unit A', aliases: [] },
        { code: 'bulk-b', name: '区住建局', nameEn: 'Unit B', aliases: [] },
      ])),
    )) as BulkRefusal;
    expect([taken.index, taken.error.code, taken.error.details.field]).toEqual([1, 'CONFLICT', 'name']);
    const held = (await inTransaction(hub.admin, async (s) => refusal(s.departments.deleteMany([(await s.departments.find('住建'))!.id])))) as BulkRefusal;
    expect([held.index, held.error.code]).toEqual([0, 'CONFLICT']);
  });
});
