import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { startHub, ANONYMOUS, type TestHub } from './helpers';
import { Role } from '../schema/accounts/account.enums';
import type { Actor } from '../server/common/actor';

const LOG = `query($entity: String, $entityId: ID, $username: String, $field: String, $from: DateTime, $to: DateTime, $action: AuditAction) {
  auditLog(entity: $entity, entityId: $entityId, username: $username, field: $field, from: $from, to: $to, action: $action, limit: 1000) {
    id at action entity entityId field before after source batchId username user { username role } } }`;

describe('audit trail', () => {
  let hub: TestHub;
  let editor: Actor;
  let gdp: any;
  /** When the seed's entries were all written (the window below must start after it). */
  let seededAt = 0;
  beforeAll(async () => {
    hub = await startHub();
    seededAt = Date.now();
    editor = await hub.user('housing-editor', Role.EDITOR, '住建');
    gdp = (await hub.gql('{ indicators(limit: 1) { items { id version name targetText } } }')).indicators.items[0];
  });
  afterAll(() => hub.close());

  const log = async (vars: Record<string, unknown>) => (await hub.gql(LOG, vars)).auditLog;

  it('the seed import is recorded: one CREATE per row, by seed', async () => {
    const created = await log({ username: 'seed', action: 'CREATE' });
    const byEntity = created.reduce((m: Record<string, number>, e: any) => ({ ...m, [e.entity]: (m[e.entity] ?? 0) + 1 }), {});
    expect(byEntity).toMatchObject({ Plan: 1, Indicator: 24, SpecialTarget: 10, Rectification: 5, InnovationTopic: 5, Standard: 9 });
    expect(byEntity.Department).toBeGreaterThanOrEqual(25);
    const gdpCreated = created.find((e: any) => e.entity === 'Indicator' && e.entityId === gdp.id);
    expect(JSON.parse(gdpCreated.after)).toMatchObject({ seq: 1, name: '地区生产总值', targetText: '1500', responsibilities: [{ department: 'development-reform', role: 'LEAD' }, { department: 'science-technology', role: 'SUPPORT' }] });
    expect(gdpCreated.source).toBe('seed');
  });

  it('a cell edit records who, when, which row and field, before and after; a derived change is recorded too', async () => {
    // The window opens a second back; on a fast start the seed's CREATE entries would fall in it.
    const wait = seededAt + 1010 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const t0 = new Date(Date.now() - 1000).toISOString();
    await hub.gql(`mutation($id: ID!) { updateIndicator(id: $id, patch: { targetText: "达到1600以上" }) { version } }`, { id: gdp.id });
    const entries = await log({ entity: 'Indicator', entityId: gdp.id, from: t0 });
    const fields = Object.fromEntries(entries.map((e: any) => [e.field, [JSON.parse(e.before), JSON.parse(e.after)]]));
    expect(fields).toEqual({ targetText: ['1500', '达到1600以上'], targetKind: ['EXACT', 'AT_LEAST'], targetValue: [1500, 1600] });
    for (const e of entries) {
      expect(e).toMatchObject({ action: 'UPDATE', username: 'admin', user: { username: 'admin', role: 'ADMIN' }, source: 'graphql' });
      expect(new Date(e.at).getTime()).toBeGreaterThan(new Date(t0).getTime());
    }
    expect(await log({ entity: 'Indicator', entityId: gdp.id, from: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
  });

  it('responsibility changes, creates, deletes and batches are recorded', async () => {
    await hub.gql(`mutation($id: ID!) { updateIndicator(id: $id, patch: { responsibilities: [{ department: "发改", role: LEAD }] }) { version } }`, { id: gdp.id });
    const [resp] = await log({ entity: 'Indicator', entityId: gdp.id, field: 'responsibilities' });
    expect(JSON.parse(resp.before).map((r: any) => r.department)).toEqual(['development-reform', 'science-technology']);
    expect(JSON.parse(resp.after)).toEqual([{ department: 'development-reform', role: 'LEAD', note: null }]);

    const made = (await hub.gql(`mutation { createStandard(input: { seq: 10, name: "新标准", releaseYear: 2020, responsibilities: [{ department: "团区委", role: LEAD }] }) { id } }`)).createStandard;
    const [create] = await log({ entity: 'Standard', entityId: made.id });
    expect(create.action).toBe('CREATE');
    expect(JSON.parse(create.after)).toMatchObject({ name: '新标准', releaseYear: 2020, planCode: 'binjiang-13th' });
    await hub.gql(`mutation($id: ID!) { deleteStandard(id: $id) }`, { id: made.id });
    const [del] = await log({ entity: 'Standard', entityId: made.id, action: 'DELETE' });
    expect(JSON.parse(del.before)).toMatchObject({ name: '新标准', responsibilities: [{ department: 'youth-league', role: 'LEAD', note: null }] });
    expect(del.after).toBeNull();

    const rows = (await hub.gql('{ rectifications(limit: 2) { items { id } } }')).rectifications.items;
    await hub.gql(`mutation($input: BatchEditInput!) { batchUpdate(input: $input) { rectifications { id } } }`, {
      input: { rectifications: rows.map((r: any) => ({ id: r.id, patch: { deadlineYear: 2021 } })) },
    });
    for (const r of rows) {
      const [e] = await log({ entity: 'Rectification', entityId: r.id, field: 'deadlineYear' });
      expect([JSON.parse(e.before), JSON.parse(e.after)]).toEqual([2020, 2021]);
    }
  });

  it('a field is restored to an earlier value; the restore is audited and permission-checked', async () => {
    const row = (await hub.gql(`query($id: ID!) { indicator(id: $id) { name version } }`, { id: gdp.id })).indicator;
    await hub.gql(`mutation($id: ID!) { updateIndicator(id: $id, patch: { name: "改错了" }) { version } }`, { id: gdp.id });
    const [wrong] = await log({ entity: 'Indicator', entityId: gdp.id, field: 'name' });
    const [denied] = await hub.gqlErrors(`mutation($e: ID!) { restoreAuditEntry(entryId: $e) { entity } }`, { e: wrong.id }, editor);
    expect(denied.extensions.code).toBe('FORBIDDEN');
    const restored = (await hub.gql(`mutation($e: ID!) { restoreAuditEntry(entryId: $e) { entity row { ... on Indicator { name version } } } }`, { e: wrong.id })).restoreAuditEntry;
    expect(restored).toEqual({ entity: 'Indicator', row: { name: row.name, version: row.version + 2 } });
    const [restoreEntry] = await log({ entity: 'Indicator', entityId: gdp.id, field: 'name' });
    expect([JSON.parse(restoreEntry.before), JSON.parse(restoreEntry.after)]).toEqual(['改错了', row.name]);
    expect(Number(restoreEntry.id)).toBeGreaterThan(Number(wrong.id));

    const [whole] = await log({ entity: 'Indicator', entityId: gdp.id, action: 'CREATE' });
    const [bad] = await hub.gqlErrors(`mutation($e: ID!) { restoreAuditEntry(entryId: $e) { entity } }`, { e: whole.id });
    expect(bad.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'entryId' });
  });

  it('responsibilities restore too, and an editor’s own-row edit is attributed to the editor', async () => {
    const [resp] = await log({ entity: 'Indicator', entityId: gdp.id, field: 'responsibilities' });
    await hub.gql(`mutation($e: ID!) { restoreAuditEntry(entryId: $e) { entity } }`, { e: resp.id });
    const now = (await hub.gql(`query($id: ID!) { indicator(id: $id) { responsibilities { role department { code } } } }`, { id: gdp.id })).indicator;
    expect(now.responsibilities.map((r: any) => r.department.code)).toEqual(['development-reform', 'science-technology']);

    const own = (await hub.gql('{ indicators(filter: { department: "住建", role: LEAD }, limit: 1) { items { id } } }')).indicators.items[0];
    await hub.gql(`mutation($id: ID!) { updateIndicator(id: $id, patch: { unit: "百分点" }) { version } }`, { id: own.id }, editor);
    const mine = await log({ username: 'housing-editor' });
    expect(mine.map((e: any) => [e.entityId, e.field])).toEqual([[own.id, 'unit']]);
  });

  it('the audit log is not public', async () => {
    const [e] = await hub.gqlErrors('{ auditLog { id } }', undefined, ANONYMOUS);
    expect(e.extensions.code).toBe('UNAUTHENTICATED');
    const [big] = await hub.gqlErrors('{ auditLog(limit: 5000) { id } }');
    expect(big.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'limit' });
  });
});
