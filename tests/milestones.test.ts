// Special targets' milestones (issue 14): GraphQL reads (batched), the office's writes (versions,
// audit, refusals by role with their codes), the answer cache's classification, and the whole-plan
// JSON round trip (export → import), on a hub seeded from seeds/binjiang-13th.json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { startHub, ANONYMOUS, type TestHub } from './helpers';
import { Role } from '../schema/accounts/account.enums';
import type { Actor } from '../server/common/actor';
import { buildGraphQLSchema } from '../server/schema';
import { tablesRead } from '../server/cache/tables';
import { TRACKED_TABLES, UNTRACKED_TABLES } from '../schema/cache/data-generation.entity';
import { exported, importFile, imported } from './transfer/support';

const FIELDS = 'id seq text name value unit year cumulative version';

describe('milestones', () => {
  let hub: TestHub;
  let editor: Actor;
  let viewer: Actor;
  /** Special target 2 (集聚高端要素,打造创新高地) and 10 (no milestones). */
  let st2: { id: string; version: number; content: string };
  let st10: { id: string };

  const listed = async () => (await hub.gql(`{ specialTargets(limit: 100, orderBy: [{ field: "seq" }]) { items { seq milestones { ${FIELDS} } } } }`)).specialTargets.items as { seq: number; milestones: any[] }[];

  beforeAll(async () => {
    hub = await startHub();
    editor = await hub.user('editor', Role.EDITOR, '区发改局');
    viewer = await hub.user('viewer', Role.VIEWER);
    const items = (await hub.gql('{ specialTargets(limit: 100, orderBy: [{ field: "seq" }]) { items { id seq version content } } }')).specialTargets.items;
    st2 = items.find((i: { seq: number }) => i.seq === 2);
    st10 = items.find((i: { seq: number }) => i.seq === 10);
  });
  afterAll(() => hub?.close());

  describe('reads', () => {
    it('SpecialTarget.milestones: the seed’s 46, in seq order under each target', async () => {
      const items = await listed();
      expect(items.map((i) => i.milestones.length)).toEqual([1, 7, 14, 2, 4, 15, 1, 1, 1, 0]);
      for (const i of items) expect(i.milestones.map((m) => m.seq)).toEqual(i.milestones.map((_, k) => k + 1));
      expect(items[1].milestones[3]).toMatchObject({ seq: 4, text: '力争五年内上市(挂牌)企业总数达150家以上', name: '上市(挂牌)企业总数', value: 150, unit: '家', year: 2020, cumulative: false, version: 1 });
    });

    it('Query.milestones by plan and by special target; Milestone.specialTarget', async () => {
      const all = (await hub.gql(`{ milestones { seq specialTarget { seq } } }`)).milestones;
      expect(all).toHaveLength(46);
      // Plan order: special target seq, then milestone seq.
      const keys = all.map((m: any) => m.specialTarget.seq * 100 + m.seq);
      expect(keys).toEqual([...keys].sort((a, b) => a - b));
      const byPlan = (await hub.gql(`{ milestones(filter: { planCode: "binjiang-13th" }) { id } }`)).milestones;
      expect(byPlan).toHaveLength(46);
      const one = (await hub.gql(`query($id: ID!) { milestones(filter: { specialTargetId: $id }) { seq text specialTarget { id title } } }`, { id: st2.id })).milestones;
      expect(one.map((m: any) => m.text)).toEqual([
        '力争五年新增15家国家级创新平台',
        '50家省市级创新平台',
        '设立1亿元区创业投资引导资金',
        '力争五年内上市(挂牌)企业总数达150家以上',
        '力争五年引进人才总量不少于12.5万名',
        '其中“千人计划”和“万人计划”专家150名',
        '力争5年内全区数字安防产业专利储备总量突破1.2万件',
      ]);
      expect(one[0].specialTarget).toEqual({ id: st2.id, title: '集聚高端要素,打造创新高地' });
      expect((await hub.gql(`query($id: ID!) { milestones(filter: { specialTargetId: $id }) { id } }`, { id: st10.id })).milestones).toEqual([]);
      const [e] = await hub.gqlErrors(`{ milestones(filter: { planCode: "nope" }) { id } }`);
      expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.planCode' });
      const [e2] = await hub.gqlErrors(`{ milestones(filter: { specialTargetId: "x" }) { id } }`);
      expect(e2.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.specialTargetId' });
    });

    it('anonymous readers see them (public supervision)', async () => {
      const d = await hub.gql(`{ milestones { id } }`, undefined, ANONYMOUS);
      expect(d.milestones).toHaveLength(46);
    });

    it('batched: the same statements for 10 special targets as for 60, and for their milestones’ special targets', async () => {
      const q = `{ specialTargets(limit: 1000) { items { id milestones { id text specialTarget { id seq } } } } }`;
      const count = async () => {
        hub.statements.length = 0;
        const d = await hub.gql(q);
        return { rows: d.specialTargets.items.length, milestones: d.specialTargets.items.reduce((n: number, i: any) => n + i.milestones.length, 0), statements: hub.statements.length };
      };
      const small = await count();
      const content = '新增15家测试平台,50家测试空间';
      for (let i = 0; i < 50; i++) {
        const t = (await hub.gql(`mutation($seq: Int!, $c: String!) { createSpecialTarget(input: { seq: $seq, title: "测试,目标", content: $c }) { id } }`, { seq: 100 + i, c: content })).createSpecialTarget;
        await hub.gql(`mutation($id: ID!) { a: createMilestone(input: { specialTargetId: $id, seq: 1, text: "新增15家测试平台", name: "测试平台", value: 15, unit: "家" }) { id } b: createMilestone(input: { specialTargetId: $id, seq: 2, text: "50家测试空间", name: "测试空间", value: 50, unit: "家" }) { id } }`, { id: t.id });
      }
      const large = await count();
      expect(large.rows).toBe(small.rows + 50);
      expect(large.milestones).toBe(small.milestones + 100);
      expect(small.statements).toBeGreaterThan(0);
      expect(large.statements).toBe(small.statements);
      // Clean up: deleting a special target takes its milestones with it.
      const ids = (await hub.gql(`{ specialTargets(limit: 1000, orderBy: [{ field: "seq" }]) { items { id seq } } }`)).specialTargets.items.filter((i: any) => i.seq >= 100);
      for (const { id } of ids) await hub.gql(`mutation($id: ID!) { deleteSpecialTarget(id: $id) }`, { id });
      expect((await hub.gql(`{ milestones { id } }`)).milestones).toHaveLength(46);
    });

    it('the answer cache knows what each milestone read reads', async () => {
      const schema = await buildGraphQLSchema();
      const known = new Set<string>([...TRACKED_TABLES, ...UNTRACKED_TABLES]);
      for (const q of [
        `{ milestones { id seq text name value unit year cumulative version createdAt updatedAt } }`,
        `{ milestones(filter: { planCode: "binjiang-13th" }) { id specialTarget { id } } }`,
        `query($id: ID) { milestones(filter: { specialTargetId: $id }) { id } }`,
        `{ specialTargets(limit: 5) { items { milestones { id } } } }`,
      ]) {
        const said = tablesRead(schema, parse(q), undefined);
        expect(said, q).not.toBeNull();
        hub.statements.length = 0;
        await hub.gql(q, { id: st2.id });
        const sent = new Set<string>();
        for (const s of hub.statements) for (const m of s.matchAll(/\b(?:from|join)\s+[`"]?(\w+)[`"]?/gi)) if (known.has(m[1])) sent.add(m[1]);
        expect([...sent].filter((t) => !said!.includes(t as never)), q).toEqual([]);
        expect(said).toContain('milestone');
      }
    });
  });

  describe('writes (the office only)', () => {
    const CREATE = `mutation($i: MilestoneInput!) { createMilestone(input: $i) { ${FIELDS} specialTarget { id } } }`;
    const UPDATE = `mutation($id: ID!, $p: MilestonePatch!, $v: Int) { updateMilestone(id: $id, patch: $p, expectedVersion: $v) { ${FIELDS} } }`;
    const DELETE = `mutation($id: ID!, $v: Int) { deleteMilestone(id: $id, expectedVersion: $v) }`;
    const input = () => ({ specialTargetId: st2.id, seq: 8, text: '鼓励社会力量建设公共技术平台', name: '公共技术平台', value: 3, unit: '个' });

    it('create, update and delete, each audited and versioned; a stale version is a CONFLICT', async () => {
      const created = (await hub.gql(CREATE, { i: input() })).createMilestone;
      expect(created).toMatchObject({ seq: 8, value: 3, unit: '个', year: 2020, cumulative: false, version: 1, specialTarget: { id: st2.id } });
      const updated = (await hub.gql(UPDATE, { id: created.id, p: { value: 5, cumulative: true, year: 2019 }, v: 1 })).updateMilestone;
      expect(updated).toMatchObject({ value: 5, cumulative: true, year: 2019, version: 2 });
      const [stale] = await hub.gqlErrors(UPDATE, { id: created.id, p: { value: 6 }, v: 1 });
      expect(stale.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
      // An unchanged patch writes nothing.
      expect((await hub.gql(UPDATE, { id: created.id, p: { value: 5 }, v: 2 })).updateMilestone.version).toBe(2);
      const audit = (await hub.gql(`query($id: ID) { auditLog(entity: "Milestone", entityId: $id, limit: 20) { action field before after username } }`, { id: created.id })).auditLog;
      expect(audit.map((a: any) => `${a.action} ${a.field ?? ''}`.trim()).sort()).toEqual(['CREATE', 'UPDATE cumulative', 'UPDATE value', 'UPDATE year']);
      expect(audit.find((a: any) => a.field === 'value')).toMatchObject({ before: '3', after: '5', username: 'admin' });
      expect(JSON.parse(audit.find((a: any) => a.action === 'CREATE').after)).toMatchObject({ specialTargetId: st2.id, seq: 8, text: '鼓励社会力量建设公共技术平台', value: 3 });
      const [staleDelete] = await hub.gqlErrors(DELETE, { id: created.id, v: 1 });
      expect(staleDelete.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
      expect((await hub.gql(DELETE, { id: created.id, v: 2 })).deleteMilestone).toBe(true);
      const gone = (await hub.gql(`query($id: ID) { auditLog(entity: "Milestone", entityId: $id, action: DELETE) { before } }`, { id: created.id })).auditLog;
      expect(JSON.parse(gone[0].before)).toMatchObject({ seq: 8, value: 5 });
      const [missing] = await hub.gqlErrors(UPDATE, { id: created.id, p: { value: 1 } });
      expect(missing.extensions.code).toBe('NOT_FOUND');
    });

    it('bad input is refused with the field named, and changes nothing', async () => {
      const before = (await hub.gql(`{ milestones { id version } }`)).milestones;
      const cases: [Record<string, unknown>, string, string][] = [
        [{ text: '上市企业150家' }, 'BAD_USER_INPUT', 'input.text'], // not in the content as written
        [{ specialTargetId: '999999' }, 'BAD_USER_INPUT', 'input.specialTargetId'],
        [{ seq: 4 }, 'CONFLICT', 'input.seq'], // taken by 上市(挂牌)企业总数
        [{ seq: 0 }, 'BAD_USER_INPUT', 'input.seq'],
        [{ unit: ' ' }, 'BAD_USER_INPUT', 'input.unit'],
        [{ year: 1800 }, 'BAD_USER_INPUT', 'input.year'],
        [{ value: 1e16 }, 'BAD_USER_INPUT', 'input.value'],
        [{ name: 'a\u0000b' }, 'BAD_USER_INPUT', 'input.name'],
      ];
      for (const [change, code, field] of cases) {
        const [e] = await hub.gqlErrors(CREATE, { i: { ...input(), ...change } });
        expect(e.extensions, JSON.stringify(change)).toMatchObject({ code, field });
      }
      const m = (await hub.gql(`query($id: ID!) { milestones(filter: { specialTargetId: $id }) { id version } }`, { id: st2.id })).milestones[0];
      const [e] = await hub.gqlErrors(UPDATE, { id: m.id, p: { text: '新增15家国家级' + '实验室' } });
      expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'patch.text' });
      const [e2] = await hub.gqlErrors(UPDATE, { id: m.id, p: { seq: 2 } });
      expect(e2.extensions).toMatchObject({ code: 'CONFLICT', field: 'patch.seq' });
      expect((await hub.gql(`{ milestones { id version } }`)).milestones).toEqual(before);
    });

    it('editors, viewers and signed-out readers are refused with their codes, and nothing changes', async () => {
      const before = (await hub.gql(`{ milestones { id version value } }`)).milestones;
      const m = (await hub.gql(`query($id: ID!) { milestones(filter: { specialTargetId: $id }) { id } }`, { id: st2.id })).milestones[0];
      for (const [who, code] of [[editor, 'FORBIDDEN'], [viewer, 'FORBIDDEN'], [ANONYMOUS, 'UNAUTHENTICATED']] as const) {
        for (const [q, v] of [[CREATE, { i: input() }], [UPDATE, { id: m.id, p: { value: 99 } }], [DELETE, { id: m.id }]] as const) {
          const [e] = await hub.gqlErrors(q, v, who);
          expect(e.extensions.code, `${who.username} ${q.slice(0, 30)}`).toBe(code);
        }
      }
      // 区发改局 leads special target 2: an editor of its rows still cannot change its milestones.
      expect((await hub.gql(`{ milestones { id version value } }`)).milestones).toEqual(before);
    });
  });

  describe('the whole-plan JSON', () => {
    const json = async () => JSON.parse((await exported(hub, 'ALL', 'JSON')).bytes.toString('utf8'));

    it('exports each special target’s milestones under it; CSV and XLSX leave them out', async () => {
      const doc = await json();
      expect(doc.specialTargets.map((s: any) => s.milestones.length)).toEqual([1, 7, 14, 2, 4, 15, 1, 1, 1, 0]);
      expect(doc.specialTargets[1].milestones[4]).toEqual({ seq: 5, text: '力争五年引进人才总量不少于12.5万名', name: '引进人才总量', value: 12.5, unit: '万名', year: 2020, cumulative: true });
      const one = JSON.parse((await exported(hub, 'SPECIAL_TARGETS', 'JSON')).bytes.toString('utf8'));
      expect(one.rows[2].milestones).toHaveLength(14);
      const csv = (await exported(hub, 'SPECIAL_TARGETS', 'CSV')).bytes.toString('utf8');
      expect(csv.split('\r\n')[0]).not.toContain('里程碑');
      expect(csv).not.toContain('"seq"');
    });

    it('round trip: export, change milestones in the hub, import the export: they are back as they were', async () => {
      const file = (await exported(hub, 'ALL', 'JSON')).bytes;
      const before = await listed();
      const ms = before[2].milestones; // special target 3
      await hub.gql(`mutation($id: ID!) { updateMilestone(id: $id, patch: { value: 1, name: "改过" }) { id } }`, { id: ms[0].id });
      await hub.gql(`mutation($id: ID!) { deleteMilestone(id: $id) }`, { id: ms[13].id });
      const r = await imported(hub, { table: 'ALL', content: file, format: 'JSON', dryRun: false });
      expect(r).toMatchObject({ applied: true, problemCount: 0, created: 0, updated: 1, deleted: 0 });
      const row = r.tables.find((t: any) => t.table === 'SPECIAL_TARGETS').rows.find((x: any) => x.key === '3');
      expect(row.action).toBe('UPDATE');
      expect(row.changes.map((c: any) => c.field)).toEqual(['milestones']);
      const after = await listed();
      const strip = (list: typeof before) => list.map((i) => ({ ...i, milestones: i.milestones.map(({ id, version, ...m }) => m) }));
      expect(strip(after)).toEqual(strip(before));
      // The one changed back moved its version; the one deleted came back new; the rest are untouched.
      expect(after[2].milestones[0]).toMatchObject({ id: ms[0].id, version: 3 });
      expect(after[2].milestones[13].id).not.toBe(ms[13].id);
      expect(after[1].milestones).toEqual(before[1].milestones);
      // A second load changes nothing.
      const again = await imported(hub, { table: 'ALL', content: file, format: 'JSON', dryRun: false });
      expect(again).toMatchObject({ applied: true, created: 0, updated: 0, deleted: 0 });
    });

    it('a file without milestones (an older export) loads and leaves them alone', async () => {
      const doc = await json();
      for (const s of doc.specialTargets) delete s.milestones;
      doc.specialTargets[0].title = '坚持产业引领,实现高端发展!';
      const before = await listed();
      const r = await imported(hub, { table: 'ALL', content: JSON.stringify(doc), format: 'JSON', dryRun: false });
      expect(r).toMatchObject({ applied: true, problemCount: 0, updated: 1 });
      expect(await listed()).toEqual(before);
      doc.specialTargets[0].title = '坚持产业引领,实现高端发展';
      await imported(hub, { table: 'ALL', content: JSON.stringify(doc), format: 'JSON', dryRun: false });
    });

    it('a file’s milestones replace the target’s set: added, changed and left-out ones, audited under the import', async () => {
      const doc = await json();
      const st1 = doc.specialTargets[0];
      st1.milestones = [
        { ...st1.milestones[0], value: 5200 },
        { seq: 2, text: '积极培育基于互联网的新业态', name: '互联网新业态', value: 1, unit: '个' },
      ];
      doc.specialTargets[8].milestones = [];
      const r = await imported(hub, { table: 'ALL', content: JSON.stringify(doc), format: 'JSON', dryRun: false });
      expect(r).toMatchObject({ applied: true, problemCount: 0, updated: 2 });
      const items = await listed();
      expect(items[0].milestones.map((m) => [m.seq, m.value, m.year, m.cumulative])).toEqual([[1, 5200, 2020, false], [2, 1, 2020, false]]);
      expect(items[8].milestones).toEqual([]);
      const log = (await hub.gql(`query($b: String) { auditLog(entity: "Milestone", batchId: $b, limit: 50) { action field } }`, { b: r.importId })).auditLog;
      expect(log.map((a: any) => `${a.action}${a.field ? ` ${a.field}` : ''}`).sort()).toEqual(['CREATE', 'DELETE', 'UPDATE value']);
    });

    it('a bad milestone is a problem naming the row and the milestone, and nothing is changed', async () => {
      const before = await listed();
      const doc = await json();
      doc.specialTargets[1].milestones[0].text = '上市企业150家';
      doc.specialTargets[2].milestones[1].value = 'many';
      doc.specialTargets[3].milestones[1].seq = 1;
      doc.specialTargets[4].milestones.push({ seq: 9, text: '引进世界500强项目不少于10个', name: 'x', value: 1, unit: '个', colour: 'red' });
      doc.specialTargets[5].milestones = 'none';
      const r = await importFile(hub, { table: 'ALL', content: JSON.stringify(doc), format: 'JSON', dryRun: false });
      expect(r.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      const dry = (await importFile(hub, { table: 'ALL', content: JSON.stringify(doc), format: 'JSON', dryRun: true })).data;
      const problems = dry.problems.filter((p: any) => p.table === 'SPECIAL_TARGETS').map((p: any) => [p.row, p.column, p.reason]);
      expect(problems).toEqual([
        [2, 'milestones', expect.stringMatching(/^milestones\[0\]\.text: "上市企业150家" does not occur in the special target’s content/)],
        [3, 'milestones', expect.stringMatching(/^milestones\[1\]\.value: value must be a number/)],
        [4, 'milestones', 'milestones[1].seq: seq 1 is already milestone 1 of this special target'],
        [5, 'milestones', expect.stringMatching(/^milestone 5: unknown key colour;/)],
        [6, 'milestones', expect.stringMatching(/^expected a list of milestones/)],
      ]);
      expect(await listed()).toEqual(before);
    });

    it('a spreadsheet cannot set them', async () => {
      const csv = Buffer.from('\uFEFF序号,专项目标,主要内容,里程碑\r\n1,"坚持产业引领,实现高端发展",内容,"[]"\r\n', 'utf8');
      const r = (await importFile(hub, { table: 'SPECIAL_TARGETS', content: csv, format: 'CSV', dryRun: true })).data;
      expect(r.problems[0]).toMatchObject({ column: '里程碑', reason: expect.stringContaining('JSON files only') });
    });

    it('an editor may load a file whose milestones are unchanged, not one that changes them', async () => {
      const doc = await json();
      const st = doc.specialTargets[0];
      const file = { format: 'plan-hub/table@1', table: 'specialTargets', planCode: 'binjiang-13th', rows: [{ seq: st.seq, title: st.title, content: st.content, milestones: st.milestones }] };
      const ok = await imported(hub, { table: 'SPECIAL_TARGETS', content: JSON.stringify(file), format: 'JSON', dryRun: false }, editor);
      expect(ok).toMatchObject({ applied: true, unchanged: 1 });
      file.rows[0].milestones = [{ ...st.milestones[0], value: 1 }];
      const refused = await importFile(hub, { table: 'SPECIAL_TARGETS', content: JSON.stringify(file), format: 'JSON', dryRun: false }, editor);
      expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
    });
  });
});
