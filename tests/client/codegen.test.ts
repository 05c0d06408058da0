import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs script without declarations (what `npm run codegen:check` runs)
import { GENERATED, staleFiles } from '../../client/codegen-check.mjs';

/**
 * The client's GraphQL types (client/src/api/generated/) come from schema/schema.graphql and the
 * operations in client/src: the committed files must be what `npm run codegen` writes now, so a
 * schema change or an edited operation without a regeneration fails here as it does in CI.
 */
describe('generated client types', () => {
  const copies: string[] = [];
  afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('are what the committed schema and the operations give (npm run codegen:check)', () => {
    expect(staleFiles()).toEqual([]);
  }, 60_000);

  it('are reported stale when they differ from a fresh generation', () => {
    const copy = mkdtempSync(join(tmpdir(), 'planhub-generated-'));
    copies.push(copy);
    cpSync(GENERATED, copy, { recursive: true });
    const file = join(copy, 'graphql.ts');
    // An operation's type as if the schema had lost a field since the last generation.
    writeFileSync(file, readFileSync(file, 'utf8').replace('problemCount: number', 'problemCount: string'));
    expect(staleFiles(copy)).toEqual(['graphql.ts']);
    rmSync(join(copy, 'gql.ts'));
    expect(staleFiles(copy)).toEqual(['gql.ts', 'graphql.ts']);
  }, 60_000);
});
