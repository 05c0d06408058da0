import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { startHub, type TestHub } from './helpers';
import { importFile } from './transfer/support';

/** Issue 10, item 9: a department look-up that misses suggests the closest names; official full names are aliases. */
describe('department suggestions', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(() => hub.close());

  const Q = 'query($n: String!) { department(name: $n) { name } departmentSuggestions(name: $n) { code name } }';

  it('the official full names of the housing bureau are aliases', async () => {
    for (const n of ['区住房和城乡建设局', '杭州高新区（滨江）住房和城乡建设局', '杭州高新区(滨江)住房和城乡建设局']) {
      expect((await hub.gql(Q, { n })).department, n).toEqual({ name: '区住建局' });
    }
    expect((await hub.gql(Q, { n: '区社会发展局' })).department).toEqual({ name: '区社发局' });
  });

  it('住房和城乡建设局 (not an alias) is a miss that suggests 区住建局 first', async () => {
    const d = await hub.gql(Q, { n: '住房和城乡建设局' });
    expect(d.department).toBeNull();
    expect(d.departmentSuggestions[0]).toEqual({ code: 'housing', name: '区住建局' });
  });

  it('an abbreviation written another way, a typo and an unrelated name', async () => {
    expect((await hub.gql(Q, { n: '社会发展局' })).departmentSuggestions[0].name).toBe('区社发局');
    expect((await hub.gql(Q, { n: '区住建委' })).departmentSuggestions[0].name).toBe('区住建局');
    expect((await hub.gql(Q, { n: '气象台' })).departmentSuggestions).toEqual([]);
  });

  it('the import suggests the same names for a department it does not know', async () => {
    const r = await importFile(hub, { table: 'STANDARDS', format: 'CSV', content: '序号,标准名称,出台年份,责任单位\n1,A,2018,住房和城乡建设局:牵头\n' });
    expect(r.data.problems).toHaveLength(1);
    expect(r.data.problems[0]).toMatchObject({ column: '责任单位', suggestions: ['区住建局'] });
    expect(r.data.problems[0].reason).toMatch(/did you mean 区住建局/);
  });

  it('refuses a name too long to be one', async () => {
    const errors = await hub.gqlErrors('query($n: String!) { departmentSuggestions(name: $n) { name } }', { n: '局'.repeat(201) });
    expect(errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
