import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type TestHub } from './helpers';

/**
 * filter.search finds rows by the departments that answer for them (name, alias, English name,
 * code), on every plan table, as well as by the rows' own text (issue 10, item 3).
 */
let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub.close());

const LISTS = ['indicators', 'specialTargets', 'rectifications', 'innovationTopics', 'standards'] as const;
const page = (list: string, filter: string) => `${list}(filter: { ${filter} }, orderBy: [{ field: "seq", direction: ASC }], limit: 1000) { totalCount items { seq } }`;
const seqsOf = (p: { items: { seq: number }[] }) => p.items.map((i) => i.seq);

describe('search by department', () => {
  it('住建 finds on every table exactly the rows 区住建局 leads or supports (none of their own texts says 住建)', async () => {
    const q = `{ ${LISTS.map((l) => `${l}S: ${page(l, 'search: "住建"')} ${l}D: ${page(l, 'department: "housing"')}`).join(' ')} }`;
    const d = await hub.gql(q);
    const found = Object.fromEntries(LISTS.map((l) => [l, seqsOf(d[`${l}S`])]));
    expect(found).toEqual({ indicators: [18, 20, 21, 22, 23, 24], specialTargets: [4, 7], rectifications: [2, 4, 5], innovationTopics: [5], standards: [] });
    for (const l of LISTS) expect(found[l]).toEqual(seqsOf(d[`${l}D`]));
  });

  it('an alias, the canonical name, the English name and the code all find the same rows; unrelated text finds none', async () => {
    const d = await hub.gql(`{
      a: ${page('indicators', 'search: "区发改局"')}
      b: ${page('indicators', 'department: "区发改局"')}
      c: ${page('indicators', 'search: "Housing and Urban-Rural"')}
      e: ${page('indicators', 'department: "housing"')}
      f: ${page('indicators', 'search: "没有这样的单位"')}
      g: ${page('indicators', 'search: "住建", attribute: BINDING')}
    }`);
    expect(d.b.totalCount).toBeGreaterThan(0);
    expect(seqsOf(d.a)).toEqual(expect.arrayContaining(seqsOf(d.b)));
    expect(seqsOf(d.c)).toEqual(seqsOf(d.e));
    expect(d.f.totalCount).toBe(0);
    expect(seqsOf(d.g)).toEqual([18, 20, 21, 22, 23, 24]);
  });
});
