import { describe, expect, it } from 'vitest';
import { linkFilterModel, serverFilter } from '../../client/src/grid/serverQuery';
import type { TableSpec } from '../../client/src/tables/types';

/** What the paged grid asks the server for, from its column filters, and what a link's URL filters. */

// Only what these two functions read of a table's spec.
const spec = {
  serverFilters: { attribute: 'enum', cityKey: 'bool', responsibilities: 'department' },
  fields: [
    { name: 'name', kind: 'text' },
    { name: 'attribute', kind: 'enum' },
    { name: 'cityKey', kind: 'bool' },
    { name: 'responsibilities', kind: 'responsibilities' },
  ],
} as unknown as TableSpec;

describe('serverFilter', () => {
  it('turns the column filters and the trimmed search into the list query filter', () => {
    expect(
      serverFilter(spec, { attribute: { value: 'BINDING' }, cityKey: { value: 'true' }, responsibilities: { department: '区住建局', role: 'LEAD' } }, '  住房 '),
    ).toEqual({ search: '住房', attribute: 'BINDING', cityKey: true, department: '区住建局', role: 'LEAD' });
  });

  it('leaves out an empty search, a department filter without a role, and columns the server cannot filter', () => {
    expect(serverFilter(spec, { cityKey: { value: 'false' }, responsibilities: { department: '区环保局' }, name: { filter: 'x' } }, '   ')).toEqual({ cityKey: false, department: '区环保局' });
    expect(serverFilter(spec, null, '')).toEqual({});
  });
});

describe('linkFilterModel', () => {
  it('reads the department page link: department with its role, enum and boolean columns by name', () => {
    const q = new URLSearchParams('department=住建&role=LEAD&attribute=BINDING&cityKey=true&name=ignored&row=5');
    expect(linkFilterModel(spec, q)).toEqual({ responsibilities: { department: '住建', role: 'LEAD' }, attribute: { value: 'BINDING' }, cityKey: { value: 'true' } });
  });

  it('gives a department without a role, and nothing for a table without responsibilities', () => {
    expect(linkFilterModel(spec, new URLSearchParams('department=住建'))).toEqual({ responsibilities: { department: '住建' } });
    const departments = { ...spec, fields: [{ name: 'name', kind: 'text' }] } as unknown as TableSpec;
    expect(linkFilterModel(departments, new URLSearchParams('department=住建&role=LEAD'))).toEqual({});
  });
});
