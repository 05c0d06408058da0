import { Migration20261127035800 } from './Migration20261127035800';

export const sqliteMigrations = [{ name: 'Migration20261127035800', class: Migration20261127035800 }];
