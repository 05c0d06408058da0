import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { startHub, ANONYMOUS, type TestHub } from './helpers';
import { Role } from '../schema/accounts/account.enums';
import { createServices } from '../server/services';
import type { Actor } from '../server/common/actor';
import type { Em } from '../server/orm';

/** One table of the plan, with what each action sends. */
interface Table {
  type: string;
  list: string;
  /** Department whose editor this table is tested with, its row there, and a row of another department. */
  department: string;
  ownSeq: number;
  otherSeq: number;
  textField: string;
  createInput: (seq: number, department: string) => string;
}

const TABLES: Table[] = [
  { type: 'Indicator', list: 'indicators', department: 'housing', ownSeq: 20, otherSeq: 1, textField: 'name',
    createInput: (seq, d) => `{ seq: ${seq}, name: "新指标", unit: "个", targetText: "1", targetKind: EXACT, attribute: BINDING, responsibilities: [{ department: "${d}", role: LEAD }] }` },
  { type: 'SpecialTarget', list: 'specialTargets', department: 'housing', ownSeq: 7, otherSeq: 1, textField: 'title',
    createInput: (seq, d) => `{ seq: ${seq}, title: "新目标", content: "内容", responsibilities: [{ department: "${d}", role: LEAD }] }` },
  { type: 'Rectification', list: 'rectifications', department: 'housing', ownSeq: 2, otherSeq: 1, textField: 'problem',
    createInput: (seq, d) => `{ seq: ${seq}, problem: "p", direction: "d", plan: "计划", measures: "m", expectedOutcomes: "o", responsibilities: [{ department: "${d}", role: LEAD }] }` },
  { type: 'InnovationTopic', list: 'innovationTopics', department: 'housing', ownSeq: 5, otherSeq: 1, textField: 'title',
    createInput: (seq, d) => `{ seq: ${seq}, field: SOCIETY, title: "t", problem: "p", path: "x", responsibilities: [{ department: "${d}", role: LEAD }] }` },
  { type: 'Standard', list: 'standards', department: 'environment', ownSeq: 1, otherSeq: 2, textField: 'name',
    createInput: (seq, d) => `{ seq: ${seq}, name: "新标准", releaseYear: 2019, responsibilities: [{ department: "${d}", role: LEAD }] }` },
];

type Outcome = 'ok' | 'FORBIDDEN' | 'UNAUTHENTICATED';
type Action = 'read' | 'create' | 'update' | 'delete' | 'responsibilities';

/** The matrix: what each role may do to its own department's rows and to another's. */
function expected(role: string, action: Action, own: boolean): Outcome {
  if (action === 'read') return 'ok';
  if (role === 'anonymous') return 'UNAUTHENTICATED';
  if (role === 'ADMIN') return 'ok';
  if (role === 'EDITOR' && action === 'update' && own) return 'ok';
  return 'FORBIDDEN';
}

describe('who may change what', () => {
  let hub: TestHub;
  const actors: Record<string, Actor> = {};
  let seq = 100;

  beforeAll(async () => {
    hub = await startHub();
    actors.ADMIN = hub.admin;
    actors.VIEWER = await hub.user('viewer', Role.VIEWER);
    actors['EDITOR:housing'] = await hub.user('housing-editor', Role.EDITOR, '住建');
    actors['EDITOR:environment'] = await hub.user('env-editor', Role.EDITOR, '环保');
    const { token } = (await hub.gql(`mutation { createApiToken(input: { name: "BI" }) { token } }`)).createApiToken;
    actors.API_TOKEN = await createServices(hub.orm.em.fork() as Em).accounts.authenticate(token);
    actors.anonymous = ANONYMOUS;
  });
  afterAll(() => hub.close());

  const auditCount = async () => Number((await hub.orm.em.fork().getConnection().execute('select count(*) as n from audit_entry'))[0].n);
  const rowBySeq = async (t: Table, s: number) =>
    (await hub.gql(`{ ${t.list}(filter: { search: "" }, limit: 1000) { items { id seq version ${t.textField} responsibilities { role department { code } } } } }`))[
      t.list
    ].items.find((r: any) => r.seq === s);
  const outcome = async (query: string, as: Actor): Promise<Outcome> => {
    try {
      await hub.gql(query, undefined, as);
      return 'ok';
    } catch (e) {
      const code = /"code":"(\w+)"/.exec(String(e))?.[1];
      return (code ?? String(e)) as Outcome;
    }
  };

  for (const t of TABLES) {
    for (const role of ['ADMIN', 'EDITOR', 'VIEWER', 'API_TOKEN', 'anonymous']) {
      for (const own of [true, false]) {
        const label = `${t.type} × ${role} × ${own ? 'own' : 'other'} department`;
        it(label, async () => {
          const as = role === 'EDITOR' ? actors[`EDITOR:${t.department}`] : actors[role];
          const department = own ? t.department : t.department === 'housing' ? 'commerce' : 'publicity';
          const targetSeq = own ? t.ownSeq : t.otherSeq;
          const results: Record<Action, Outcome> = {} as never;

          // read
          results.read = await outcome(`{ ${t.list}(limit: 5) { totalCount } }`, as);

          // create: a row held by `department`; refused creates must leave no row and no audit entry
          const beforeCreate = await auditCount();
          const createSeq = ++seq;
          results.create = await outcome(`mutation { create${t.type}(input: ${t.createInput(createSeq, department)}) { id } }`, as);
          const created = await rowBySeq(t, createSeq);
          if (results.create === 'ok') expect(created, label).toBeTruthy();
          else {
            expect(created, label).toBeUndefined();
            expect(await auditCount(), label).toBe(beforeCreate);
          }

          // update a text field of a seeded row
          const row = await rowBySeq(t, targetSeq);
          const beforeUpdate = await auditCount();
          results.update = await outcome(`mutation { update${t.type}(id: "${row.id}", patch: { ${t.textField}: "${role}改" }, expectedVersion: ${row.version}) { version } }`, as);
          const afterUpdate = await rowBySeq(t, targetSeq);
          if (results.update === 'ok') {
            expect(afterUpdate[t.textField]).toBe(`${role}改`);
            expect(await auditCount()).toBe(beforeUpdate + 1);
            await hub.gql(`mutation { update${t.type}(id: "${row.id}", patch: { ${t.textField}: ${JSON.stringify(row[t.textField])} }) { version } }`);
          } else {
            expect(afterUpdate, label).toEqual(row);
            expect(await auditCount(), label).toBe(beforeUpdate);
          }

          // change responsibilities of the seeded row
          const current = (await rowBySeq(t, targetSeq)).responsibilities;
          const beforeResp = await auditCount();
          results.responsibilities = await outcome(
            `mutation { update${t.type}(id: "${row.id}", patch: { responsibilities: [{ department: "团区委", role: LEAD }] }) { version } }`,
            as,
          );
          if (results.responsibilities === 'ok') {
            expect((await rowBySeq(t, targetSeq)).responsibilities).toEqual([{ role: 'LEAD', department: { code: 'youth-league' } }]);
            const restore = current.map((r: any) => `{ department: "${r.department.code}", role: ${r.role} }`).join(', ');
            await hub.gql(`mutation { update${t.type}(id: "${row.id}", patch: { responsibilities: [${restore}] }) { version } }`);
          } else {
            expect((await rowBySeq(t, targetSeq)).responsibilities, label).toEqual(current);
            expect(await auditCount(), label).toBe(beforeResp);
          }

          // delete a throw-away row held by `department`
          const victimSeq = ++seq;
          await hub.gql(`mutation { create${t.type}(input: ${t.createInput(victimSeq, department)}) { id } }`);
          const victim = await rowBySeq(t, victimSeq);
          const beforeDelete = await auditCount();
          results.delete = await outcome(`mutation { delete${t.type}(id: "${victim.id}") }`, as);
          if (results.delete === 'ok') expect(await rowBySeq(t, victimSeq)).toBeUndefined();
          else {
            expect(await rowBySeq(t, victimSeq), label).toEqual(victim);
            expect(await auditCount(), label).toBe(beforeDelete);
          }

          const want = Object.fromEntries((['read', 'create', 'update', 'delete', 'responsibilities'] as Action[]).map((a) => [a, expected(role, a, own)]));
          expect(results, label).toEqual(want);
        });
      }
    }
  }

  it('only ADMIN manages departments and users', async () => {
    for (const role of ['EDITOR:housing', 'VIEWER', 'API_TOKEN']) {
      const [e] = await hub.gqlErrors(`mutation { createDepartment(input: { code: "x-${role.length}", name: "x${role}", nameEn: "x" }) { id } }`, undefined, actors[role]);
      expect(e.extensions.code, role).toBe('FORBIDDEN');
      const [u] = await hub.gqlErrors(`mutation { createUser(input: { username: "u${role.length}", password: "long enough pw", role: VIEWER }) { id } }`, undefined, actors[role]);
      expect(u.extensions.code, role).toBe('FORBIDDEN');
    }
    const [anon] = await hub.gqlErrors(`mutation { createDepartment(input: { code: "xx", name: "xx", nameEn: "x" }) { id } }`, undefined, ANONYMOUS);
    expect(anon.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('an EDITOR’s batch containing one row of another department refuses the whole batch', async () => {
    const own = await rowBySeq(TABLES[0], 21);
    const other = await rowBySeq(TABLES[0], 2);
    const before = await auditCount();
    const [e] = await hub.gqlErrors(
      `mutation($input: BatchEditInput!) { batchUpdate(input: $input) { indicators { id } } }`,
      { input: { indicators: [{ id: own.id, patch: { name: '改1' } }, { id: other.id, patch: { name: '改2' } }] } },
      actors['EDITOR:housing'],
    );
    expect(e.extensions).toMatchObject({ code: 'FORBIDDEN', list: 'indicators', index: 1 });
    expect(await rowBySeq(TABLES[0], 21)).toEqual(own);
    expect(await auditCount()).toBe(before);
  });

  it('users: EDITOR needs a department, the last admin cannot be demoted, me answers for each actor', async () => {
    const [e] = await hub.gqlErrors(`mutation { createUser(input: { username: "ed2", password: "long enough pw", role: EDITOR }) { id } }`);
    expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.department' });
    const [short] = await hub.gqlErrors(`mutation { createUser(input: { username: "ed3", password: "short", role: VIEWER }) { id } }`);
    expect(short.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password' });
    const [last] = await hub.gqlErrors(`mutation($id: ID!) { updateUser(id: $id, input: { role: VIEWER }) { id } }`, { id: String(hub.admin.userId) });
    expect(last.extensions.code).toBe('CONFLICT');
    expect((await hub.gql('{ me { username role department { code } } }', undefined, actors['EDITOR:housing'])).me).toEqual({ username: 'housing-editor', role: 'EDITOR', department: { code: 'housing' } });
    expect((await hub.gql('{ me { username } }', undefined, ANONYMOUS)).me).toBeNull();
    const stored = await hub.orm.em.fork().getConnection().execute(`select password_hash from "user" where username = 'viewer'`);
    expect(stored[0].password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored[0].password_hash).not.toContain('correct horse');
  });
});
