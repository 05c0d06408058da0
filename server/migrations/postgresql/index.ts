import { Migration20261127035807 } from './Migration20261127035807';
import { Migration20261127042059 } from './Migration20261127042059';

export const postgresqlMigrations = [
  { name: 'Migration20261127035807', class: Migration20261127035807 },
  { name: 'Migration20261127042059', class: Migration20261127042059 }, // accounts, credentials, audit trail
];
