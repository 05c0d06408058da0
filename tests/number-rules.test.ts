import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type TestHub } from './helpers';

/** The server holds the same numeric bounds as the grid and the add-row form (issue 10, item 2). */
let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub.close());

describe('numeric bounds', () => {
  it('refuses an annual growth outside -100…1000 % with a coded error naming the field, and changes nothing', async () => {
    const { indicators } = await hub.gql('{ indicators(limit: 1) { items { id version annualGrowthPct } } }');
    const row = indicators.items[0];
    for (const value of [-5000, 1000.5]) {
      const [error] = await hub.gqlErrors('mutation($id: ID!, $v: Float) { updateIndicator(id: $id, patch: { annualGrowthPct: $v }) { id } }', { id: row.id, v: value });
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'patch.annualGrowthPct' });
      expect(error.message).toContain('annualGrowthPct must be a percentage between -100 and 1000');
    }
    expect((await hub.gql(`{ indicator(id: "${row.id}") { version annualGrowthPct } }`)).indicator).toEqual({ version: row.version, annualGrowthPct: row.annualGrowthPct });
    const ok = await hub.gql('mutation($id: ID!) { updateIndicator(id: $id, patch: { annualGrowthPct: -100 }) { annualGrowthPct } }', { id: row.id });
    expect(ok.updateIndicator.annualGrowthPct).toBe(-100);
  });
});
