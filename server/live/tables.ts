/**
 * The tables a grid can follow live (issue 17), by the GraphQL name of LiveTable, with what the
 * change log keeps of each row besides its id and version: the plan (planCode filter) and, for the
 * ledger, the department and state (who may read a draft). The migrations
 * (Migration20261130110200, both engines) put triggers on exactly these tables.
 */
export const LIVE_TABLES = {
  INDICATORS: { table: 'indicator', plan: true, ledger: false },
  SPECIAL_TARGETS: { table: 'special_target', plan: true, ledger: false },
  RECTIFICATIONS: { table: 'rectification', plan: true, ledger: false },
  INNOVATION_TOPICS: { table: 'innovation_topic', plan: true, ledger: false },
  STANDARDS: { table: 'standard', plan: true, ledger: false },
  DEPARTMENTS: { table: 'department', plan: false, ledger: false },
  LEDGER: { table: 'ledger_entry', plan: false, ledger: true },
  YEAR_TARGETS: { table: 'year_target', plan: false, ledger: false },
} as const;
export type LiveTableName = keyof typeof LIVE_TABLES;
export const LIVE_SQL_TABLES: readonly string[] = Object.values(LIVE_TABLES).map((t) => t.table);
