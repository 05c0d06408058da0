import { Migration20261127035807 } from './Migration20261127035807';

export const postgresqlMigrations = [{ name: 'Migration20261127035807', class: Migration20261127035807 }];
