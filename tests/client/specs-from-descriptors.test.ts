import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { DESCRIPTORS } from '../../client/src/tables/descriptors.generated';
import { TABLES } from '../../client/src/tables/specs';

/**
 * Issue 12: a column added to a table's entity, descriptor and migration shows in its grid without
 * an edit to the client: every descriptor column is a grid column, and the list query selects it.
 */
describe('the grids take their columns from the descriptors', () => {
  for (const spec of TABLES) {
    it(`${spec.key}: every descriptor column is in the grid and in the list query`, () => {
      const columns = DESCRIPTORS[spec.key].fields.filter((f) => 'kind' in f && f.kind).map((f) => f.field);
      expect(spec.fields.map((f) => f.name).sort()).toEqual([...columns].sort());
      const doc = parse(`{ ${spec.list} { ${spec.selection} } }`);
      const root = doc.definitions[0];
      if (root.kind !== 'OperationDefinition') throw new Error('not an operation');
      const list = root.selectionSet.selections[0];
      if (list.kind !== 'Field' || !list.selectionSet) throw new Error('no selection');
      const selected = list.selectionSet.selections.map((s) => (s.kind === 'Field' ? s.name.value : '?'));
      expect(selected.sort()).toEqual([...new Set(['id', ...columns])].sort());
    });
  }
});
