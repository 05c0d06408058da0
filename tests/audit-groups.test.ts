import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type TestHub } from './helpers';

/** One user action, one history entry: its field entries share a timestamp and restore together (issue 10, item 15). */
let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub.close());

const ROW = 'version targetText targetKind targetValue';
const HISTORY = 'query($id: ID!) { auditLog(entity: "Indicator", entityId: $id, limit: 50) { id at field before after } }';

describe('audit groups', () => {
  it('a target edit is three entries at one timestamp; restoreAuditEntries puts all three back in one version', async () => {
    const { indicators } = await hub.gql(`{ indicators(filter: { search: "地区生产总值" }, limit: 1) { items { id ${ROW} } } }`);
    const { id, ...before } = indicators.items[0];
    const edited = (await hub.gql(`mutation($id: ID!) { updateIndicator(id: $id, patch: { targetText: "1600左右" }) { ${ROW} } }`, { id })).updateIndicator;
    expect(edited).toMatchObject({ targetText: '1600左右', targetKind: 'APPROX', targetValue: 1600 });

    const log = (await hub.gql(HISTORY, { id })).auditLog;
    const action = log.filter((e: { at: string }) => new Date(e.at).toISOString() === new Date(log[0].at).toISOString());
    expect(action.map((e: { field: string }) => e.field).sort()).toEqual(['targetKind', 'targetText', 'targetValue']);

    // Entries of another row are refused, and nothing changes.
    const other = (await hub.gql('{ indicators(filter: { search: "第三产业" }, limit: 1) { items { id } } }')).indicators.items[0].id;
    await hub.gql(`mutation($id: ID!) { updateIndicator(id: $id, patch: { unit: "百分比" }) { id } }`, { id: other });
    const otherEntry = (await hub.gql(HISTORY, { id: other })).auditLog[0];
    const [refused] = await hub.gqlErrors('mutation($ids: [ID!]!) { restoreAuditEntries(entryIds: $ids) { entity } }', { ids: [action[0].id, otherEntry.id] });
    expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'entryIds[1]' });
    expect((await hub.gql(`query($id: ID!) { indicator(id: $id) { ${ROW} } }`, { id })).indicator).toEqual(edited);

    const restored = (
      await hub.gql(`mutation($ids: [ID!]!, $v: Int) { restoreAuditEntries(entryIds: $ids, expectedVersion: $v) { entity row { ... on Indicator { ${ROW} } } } }`, {
        ids: action.map((e: { id: string }) => e.id),
        v: edited.version,
      })
    ).restoreAuditEntries;
    expect(restored.entity).toBe('Indicator');
    expect(restored.row).toEqual({ ...before, version: edited.version + 1 });
    const after = (await hub.gql(HISTORY, { id })).auditLog;
    expect(after.filter((e: { at: string }) => new Date(e.at).toISOString() === new Date(after[0].at).toISOString())).toHaveLength(3);
  });
});
