import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { startHub, type TestHub } from './helpers';

const PAGE = `query($limit: Int) { indicators(limit: $limit, orderBy: [{ field: "seq" }]) { totalCount items {
  seq planCode
  responsibilities { role note department { code name aliases } }
  specialTargets { seq title responsibilities { role department { code } } indicators { seq } }
} } }`;

const DEPARTMENTS = `{ departments { code aliases
  indicators(attribute: BINDING) { seq responsibilities { department { code } } specialTargets { seq } }
  specialTargets { seq } rectifications { seq } innovationTopics { seq } standards { seq }
} }`;

describe('no N+1', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(() => hub.close());

  async function count(query: string, variables?: Record<string, unknown>) {
    hub.statements.length = 0;
    const data = await hub.gql(query, variables);
    return { data, statements: hub.statements.length };
  }

  it('a page of indicators with responsibilities, departments and special targets costs the same statements at 3 and 24 rows', async () => {
    const small = await count(PAGE, { limit: 3 });
    const large = await count(PAGE, { limit: 24 });
    expect(small.data.indicators.items).toHaveLength(3);
    expect(large.data.indicators.items).toHaveLength(24);
    expect(large.data.indicators.items[19].responsibilities[0].department.code).toBe('housing');
    expect(small.statements).toBeGreaterThan(2);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(12);
  });

  it('every department with everything it answers for costs a fixed number of statements', async () => {
    const { data, statements } = await count(DEPARTMENTS);
    expect(data.departments.length).toBeGreaterThanOrEqual(25);
    expect(data.departments.find((d: any) => d.code === 'housing').indicators.map((i: any) => i.seq)).toEqual([18, 20, 21, 22, 23, 24]);
    expect(statements).toBeLessThanOrEqual(14);
  });
});
