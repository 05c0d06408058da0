import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { startHub, type TestHub } from './helpers';

const BATCH = `mutation($input: BatchEditInput!) { batchUpdate(input: $input) { indicators { seq name unit version } standards { seq name version } } }`;

describe('batchUpdate (a paste saved all or nothing)', () => {
  let hub: TestHub;
  let rows: any[];
  beforeAll(async () => {
    hub = await startHub();
    rows = (await hub.gql('{ indicators(limit: 3) { items { id seq name unit version } } }')).indicators.items;
  });
  afterAll(() => hub.close());

  const table = async () => (await hub.gql('{ indicators(limit: 3) { items { id seq name unit version } } standards(limit: 1) { items { id name version } } }'));

  it('saves a 3×2 block in one mutation', async () => {
    const input = { indicators: rows.map((r, i) => ({ id: r.id, expectedVersion: r.version, patch: { name: `名${i}`, unit: `单位${i}` } })) };
    const d = await hub.gql(BATCH, { input });
    expect(d.batchUpdate.indicators).toEqual(rows.map((r, i) => ({ seq: r.seq, name: `名${i}`, unit: `单位${i}`, version: r.version + 1 })));
    rows = (await table()).indicators.items;
  });

  it('one bad cell refuses the whole batch, names the cell, and changes nothing', async () => {
    const before = await table();
    const input = {
      standards: [{ id: before.standards.items[0].id, patch: { name: '改了' } }],
      indicators: rows.map((r, i) => ({ id: r.id, expectedVersion: r.version, patch: i === 1 ? { name: '好', unit: '' } : { name: '好' } })),
    };
    const [e] = await hub.gqlErrors(BATCH, { input });
    expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.indicators[1].patch.unit' });
    expect(await table()).toEqual(before);
  });

  it('a refusal in the services names the list, index and row', async () => {
    const before = await table();
    const input = { indicators: [{ id: rows[0].id, patch: { name: '好' } }, { id: rows[1].id, expectedVersion: 1, patch: { name: '坏' } }] };
    const [e] = await hub.gqlErrors(BATCH, { input });
    expect(e.extensions).toMatchObject({ code: 'CONFLICT', field: 'indicators[1].expectedVersion', rowId: rows[1].id, index: 1, list: 'indicators' });
    const [u] = await hub.gqlErrors(BATCH, { input: { indicators: [{ id: rows[0].id, patch: { responsibilities: [{ department: '火星局', role: 'LEAD' }] } }] } });
    expect(u.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'indicators[0].patch.responsibilities[0].department', rowId: rows[0].id });
    expect(await table()).toEqual(before);
  });
});
