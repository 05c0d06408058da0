import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, startHub, type TestHub } from './helpers';
import { Role } from '../schema/accounts/account.enums';
import type { Actor } from '../server/common/actor';
import { createServices } from '../server/services';
import { SYSTEM_ACTOR } from '../server/common/actor';
import type { Em } from '../server/orm';

/** Quarterly evaluations (季度评估) and special inspections (重点督查): the workflow by role, versions, refusals, the list and what a bulletin will read. */
const FIELDS = 'id kind year quarter quarterKey title inspectionDate findings measures response respondedBy status statusNote closedAt version department { code name }';
const SAVE = `mutation($i: EvaluationInput!, $v: Int) { saveEvaluation(input: $i, expectedVersion: $v) { ${FIELDS} } }`;
const RESPOND = `mutation($id: ID!, $r: String!, $v: Int!) { respondToEvaluation(id: $id, response: $r, expectedVersion: $v) { ${FIELDS} } }`;
const CLOSE = `mutation($id: ID!, $n: String, $v: Int!) { closeEvaluation(id: $id, note: $n, expectedVersion: $v) { ${FIELDS} } }`;
const REOPEN = `mutation($id: ID!, $r: String!, $v: Int!) { reopenEvaluation(id: $id, reason: $r, expectedVersion: $v) { ${FIELDS} } }`;
const LIST = `query($f: EvaluationFilter, $l: Int, $o: Int) { evaluations(filter: $f, limit: $l, offset: $o) { totalCount items { ${FIELDS} } } }`;

describe('evaluations', () => {
  let hub: TestHub;
  let housing: Actor; // EDITOR of 区住建局
  let other: Actor; // EDITOR of 区发改局
  let viewer: Actor;

  beforeAll(async () => {
    hub = await startHub();
    housing = await hub.user('housing', Role.EDITOR, '住建');
    other = await hub.user('planner', Role.EDITOR, '区发改局');
    viewer = await hub.user('viewer', Role.VIEWER);
  });
  afterAll(() => hub?.close());

  const quarterly = { department: '住建', kind: 'QUARTERLY', year: 2019, quarter: 2, findings: '保障房开工进度滞后于序时', measures: '制定赶工计划，每月报送进度' };

  it('the office creates one; editors, viewers, tokens and the signed-out cannot', async () => {
    for (const [as, code] of [[housing, 'FORBIDDEN'], [viewer, 'FORBIDDEN'], [ANONYMOUS, 'UNAUTHENTICATED'], [{ ...hub.admin, readOnly: true }, 'FORBIDDEN']] as const) {
      const [e] = await hub.gqlErrors(SAVE, { i: quarterly }, as as Actor);
      expect(e.extensions.code).toBe(code);
    }
    expect((await hub.gql(LIST, {})).evaluations.totalCount).toBe(0);
    const row = (await hub.gql(SAVE, { i: quarterly })).saveEvaluation;
    expect(row).toMatchObject({ kind: 'QUARTERLY', year: 2019, quarter: 2, quarterKey: '2019-Q2', title: null, status: 'OPEN', version: 1, department: { name: '区住建局' } });
    // One quarterly evaluation per department and quarter.
    const [dup] = await hub.gqlErrors(SAVE, { i: { ...quarterly, department: '区住建局' } });
    expect(dup.extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE', existingId: row.id });
    const audit = (await hub.gql(`{ auditLog(entity: "Evaluation", entityId: "${row.id}") { action username after } }`)).auditLog;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'CREATE', username: 'admin' });
    expect(JSON.parse(audit[0].after)).toMatchObject({ department: expect.any(String), kind: 'QUARTERLY', quarter: 2, findings: quarterly.findings });
  });

  it('refuses bad input with the field named', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...quarterly, quarter: 5 }, 'input.quarter'],
      [{ ...quarterly, quarter: null }, 'input.quarter'],
      [{ ...quarterly, findings: '   ' }, 'input.findings'],
      [{ ...quarterly, measures: '' }, 'input.measures'],
      [{ ...quarterly, department: '不存在的局' }, 'input.department'],
      [{ department: '住建', kind: 'INSPECTION', title: '', date: '2019-05-10', findings: 'x', measures: 'y' }, 'input.title'],
      [{ department: '住建', kind: 'INSPECTION', title: '督查', date: '2019-02-30', findings: 'x', measures: 'y' }, 'input.date'],
      [{ ...quarterly, title: '督查' }, 'input.title'],
    ];
    for (const [i, field] of cases) {
      const [e] = await hub.gqlErrors(SAVE, { i });
      expect(e.extensions, JSON.stringify(i)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect((await hub.gql(LIST, {})).evaluations.totalCount).toBe(1);
  });

  it('OPEN → RESPONDED (by the department’s editors) → CLOSED, reopened with a reason; each step versioned and audited', async () => {
    const inspection = (await hub.gql(SAVE, { i: { department: '住建', kind: 'INSPECTION', title: '老旧小区改造专项督查', date: '2019-05-10', findings: '部分小区未按期开工', measures: '6月底前全部开工' } })).saveEvaluation;
    expect(inspection).toMatchObject({ kind: 'INSPECTION', year: 2019, quarter: null, quarterKey: null, inspectionDate: '2019-05-10', status: 'OPEN' });
    const id = inspection.id;

    // Another department's editor, a viewer, the signed-out: refused, nothing changes.
    expect((await hub.gqlErrors(RESPOND, { id, r: '已整改', v: 1 }, other))[0].extensions.code).toBe('FORBIDDEN');
    expect((await hub.gqlErrors(RESPOND, { id, r: '已整改', v: 1 }, viewer))[0].extensions.code).toBe('FORBIDDEN');
    expect((await hub.gqlErrors(RESPOND, { id, r: '已整改', v: 1 }, ANONYMOUS))[0].extensions.code).toBe('UNAUTHENTICATED');
    // Editors neither close nor reopen nor edit.
    expect((await hub.gqlErrors(CLOSE, { id, v: 1 }, housing))[0].extensions.code).toBe('FORBIDDEN');
    expect((await hub.gqlErrors(SAVE, { i: { ...quarterly, id, quarter: 3 }, v: 1 }, housing))[0].extensions.code).toBe('FORBIDDEN');
    // An empty response is refused.
    expect((await hub.gqlErrors(RESPOND, { id, r: '  ', v: 1 }, housing))[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'response' });

    const responded = (await hub.gql(RESPOND, { id, r: '已制定赶工计划，6月20日全部开工', v: 1 }, housing)).respondToEvaluation;
    expect(responded).toMatchObject({ status: 'RESPONDED', response: '已制定赶工计划，6月20日全部开工', respondedBy: 'housing', version: 2 });
    // A stale version is a CONFLICT naming the current one.
    expect((await hub.gqlErrors(RESPOND, { id, r: '再次反馈', v: 1 }, housing))[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    // The department may revise its answer while it is not closed.
    const revised = (await hub.gql(RESPOND, { id, r: '6月18日全部开工', v: 2 }, housing)).respondToEvaluation;
    expect(revised).toMatchObject({ status: 'RESPONDED', response: '6月18日全部开工', version: 3 });

    // The office does not accept it: back to OPEN with a reason (required).
    expect((await hub.gqlErrors(REOPEN, { id, r: ' ', v: 3 }))[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const reopened = (await hub.gql(REOPEN, { id, r: '请附开工照片', v: 3 })).reopenEvaluation;
    expect(reopened).toMatchObject({ status: 'OPEN', statusNote: '请附开工照片', version: 4 });
    // Reopening an OPEN one is refused with its state.
    expect((await hub.gqlErrors(REOPEN, { id, r: '再次', v: 4 }))[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'INVALID_STATE', status: 'OPEN' });

    await hub.gql(RESPOND, { id, r: '已附照片', v: 4 }, housing);
    const closed = (await hub.gql(CLOSE, { id, n: '整改到位', v: 5 })).closeEvaluation;
    expect(closed).toMatchObject({ status: 'CLOSED', statusNote: '整改到位', version: 6 });
    expect(closed.closedAt).not.toBeNull();
    // Closed: no more responses, no edits, no second close.
    expect((await hub.gqlErrors(RESPOND, { id, r: '补充', v: 6 }, housing))[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'INVALID_STATE' });
    expect((await hub.gqlErrors(SAVE, { i: { department: '住建', kind: 'INSPECTION', title: 'x', date: '2019-05-10', findings: 'x', measures: 'y', id }, v: 6 }))[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'INVALID_STATE' });
    expect((await hub.gqlErrors(CLOSE, { id, v: 6 }))[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'INVALID_STATE' });
    const again = (await hub.gqlErrors(SAVE, { i: { ...quarterly, id }, v: 6 }))[0];
    expect(again.extensions.code).toBe('CONFLICT');

    const trail = (await hub.gql(`{ auditLog(entity: "Evaluation", entityId: "${id}", field: "status") { username before after } }`)).auditLog;
    const steps = trail.map((t: { username: string; before: string; after: string }) => `${t.username}:${JSON.parse(t.before)}→${JSON.parse(t.after)}`).sort();
    expect(steps).toEqual(['admin:RESPONDED→CLOSED', 'admin:RESPONDED→OPEN', 'housing:OPEN→RESPONDED', 'housing:OPEN→RESPONDED']);
  });

  it('the office edits an open one at its version', async () => {
    const row = (await hub.gql(LIST, { f: { kind: 'QUARTERLY' } })).evaluations.items[0];
    const [stale] = await hub.gqlErrors(SAVE, { i: { ...quarterly, id: row.id, measures: '新措施' }, v: row.version + 1 });
    expect(stale.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: row.version });
    const saved = (await hub.gql(SAVE, { i: { ...quarterly, id: row.id, measures: '每周报送进度' }, v: row.version })).saveEvaluation;
    expect(saved).toMatchObject({ measures: '每周报送进度', version: row.version + 1, status: 'OPEN' });
    const trail = (await hub.gql(`{ auditLog(entity: "Evaluation", entityId: "${row.id}", field: "measures") { before after } }`)).auditLog;
    expect(trail.map((t: { after: string }) => JSON.parse(t.after))).toEqual(['每周报送进度']);
    // Moved to another department (an office's slip corrected): the trail names both by code.
    const moved = (await hub.gql(SAVE, { i: { ...quarterly, id: row.id, department: '区建管中心', measures: '每周报送进度' }, v: saved.version })).saveEvaluation;
    expect(moved.department.name).toBe('区建管中心');
    const back = (await hub.gql(SAVE, { i: { ...quarterly, id: row.id, measures: '每周报送进度' }, v: moved.version })).saveEvaluation;
    expect(back).toMatchObject({ department: { name: '区住建局' }, version: saved.version + 2 });
    const deptTrail = (await hub.gql(`{ auditLog(entity: "Evaluation", entityId: "${row.id}", field: "department") { before after } }`)).auditLog;
    expect(deptTrail.map((t: { before: string; after: string }) => `${JSON.parse(t.before)}→${JSON.parse(t.after)}`).sort()).toEqual([`${moved.department.code}→housing`, `housing→${moved.department.code}`].sort());
  });

  it('lists with filters, open ones first; signed out it is refused', async () => {
    await hub.gql(SAVE, { i: { ...quarterly, department: '区发改局', quarter: 1, findings: '投资进度偏慢', measures: '加快项目审批' } });
    const all = (await hub.gql(LIST, {})).evaluations;
    expect(all.totalCount).toBe(3);
    expect(all.items.map((e: { status: string }) => e.status)).toEqual(['OPEN', 'OPEN', 'CLOSED']);
    expect((await hub.gql(LIST, { f: { department: '住建' } })).evaluations.totalCount).toBe(2);
    expect((await hub.gql(LIST, { f: { department: '住建', status: 'CLOSED' } })).evaluations.items.map((e: { title: string }) => e.title)).toEqual(['老旧小区改造专项督查']);
    expect((await hub.gql(LIST, { f: { year: 2019, quarter: 1 } })).evaluations.items.map((e: { department: { name: string } }) => e.department.name)).toEqual(['区发改局']);
    expect((await hub.gql(LIST, { f: { kind: 'INSPECTION' } })).evaluations.totalCount).toBe(1);
    const page = (await hub.gql(LIST, { l: 1, o: 1 })).evaluations;
    expect(page).toMatchObject({ totalCount: 3 });
    expect(page.items).toHaveLength(1);
    // Viewers read; the signed-out do not.
    expect((await hub.gql(LIST, {}, viewer)).evaluations.totalCount).toBe(3);
    expect((await hub.gqlErrors(LIST, {}, ANONYMOUS))[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await hub.gqlErrors(LIST, { l: 5000 }))[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'limit' });
  });

  it('openEvaluations(department, asOf) lists what was not closed at the end of asOf', async () => {
    const services = createServices(hub.orm.em.fork() as Em, SYSTEM_ACTOR);
    const now = await services.evaluations.openEvaluations();
    expect(now.map((e) => e.quarterKey).sort()).toEqual(['2019-Q1', '2019-Q2']);
    expect((await services.evaluations.openEvaluations('住建')).map((e) => e.quarterKey)).toEqual(['2019-Q2']);
    // Before any of their quarters or inspections: nothing. At the end of June 2019: what they were
    // about had happened by then and none was closed then (entered later, they still belong there).
    expect(await services.evaluations.openEvaluations(null, '2018-12')).toEqual([]);
    expect((await services.evaluations.openEvaluations(null, '2019-03')).map((e) => e.quarterKey ?? e.kind)).toEqual(['2019-Q1']);
    expect((await services.evaluations.openEvaluations(null, '2019-06')).map((e) => e.quarterKey ?? e.kind).sort()).toEqual(['2019-Q1', '2019-Q2', 'INSPECTION']);
    // Today's date: the closed inspection is not listed.
    const today = new Date().toISOString().slice(0, 10);
    expect((await services.evaluations.openEvaluations('住建', today)).map((e) => e.kind)).toEqual(['QUARTERLY']);
    // A moment before it was closed: the inspection was still open then.
    const inspection = (await hub.gql(LIST, { f: { kind: 'INSPECTION' } })).evaluations.items[0];
    const justBefore = new Date(new Date(inspection.closedAt).getTime() - 1);
    expect((await services.evaluations.openEvaluations('住建', justBefore)).map((e) => e.kind).sort()).toEqual(['INSPECTION', 'QUARTERLY']);
    await expect(services.evaluations.openEvaluations(null, 'June')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('a page of evaluations costs the same statements for 2 departments as for all 26', async () => {
    const query = `{ evaluations(limit: 1000) { totalCount items { id status department { code name } } } }`;
    hub.statements.length = 0;
    await hub.gql(query);
    const small = hub.statements.length;
    const depts = ((await hub.gql('{ departments { name } }')).departments as { name: string }[]);
    expect(depts).toHaveLength(26);
    for (const [i, d] of depts.entries()) await hub.gql(SAVE, { i: { ...quarterly, department: d.name, quarter: 4, findings: `发现${i}` } });
    hub.statements.length = 0;
    const data = await hub.gql(query);
    expect(data.evaluations.totalCount).toBe(3 + 26);
    expect(new Set(data.evaluations.items.map((e: { department: { code: string } }) => e.department.code)).size).toBe(26);
    expect(hub.statements.length).toBe(small);
  });
});
