import { Migration20261127035807 } from './Migration20261127035807';
import { Migration20261127042059 } from './Migration20261127042059';
import { Migration20261127065530 } from './Migration20261127065530';
import { Migration20261127070550 } from './Migration20261127070550';
import { Migration20261130000322 } from './Migration20261130000322';
import { Migration20261130025646 } from './Migration20261130025646';
import { Migration20261130033123 } from './Migration20261130033123';
import { Migration20261130053410 } from './Migration20261130053410';
import { Migration20261130054016 } from './Migration20261130054016';
import { Migration20261130063000 } from './Migration20261130063000';
import { Migration20261130100000 } from './Migration20261130100000';
import { Migration20261130100100 } from './Migration20261130100100';
import { Migration20261130100200 } from './Migration20261130100200';
import { Migration20261130100300 } from './Migration20261130100300';
import { Migration20261130110100 } from './Migration20261130110100';
import { Migration20261130110200 } from './Migration20261130110200';

export const postgresqlMigrations = [
  { name: 'Migration20261127035807', class: Migration20261127035807 },
  { name: 'Migration20261127042059', class: Migration20261127042059 }, // accounts, credentials, audit trail
  { name: 'Migration20261127065530', class: Migration20261127065530 }, // data generation and its triggers (response cache)
  { name: 'Migration20261127070550', class: Migration20261127070550 }, // foreign-key indexes, as SQLite has
  { name: 'Migration20261130000322', class: Migration20261130000322 }, // Responsibility.noteEn (issue 10)
  { name: 'Migration20261130025646', class: Migration20261130025646 }, // the data generation kept per table (issue 13)
  { name: 'Migration20261130033123', class: Migration20261130033123 }, // year targets: Indicator.baseValue/baseYear/targetMethod, year_target (issue 14)
  { name: 'Migration20261130053410', class: Migration20261130053410 }, // milestones, ledger entries and evidence (issue 14)
  { name: 'Migration20261130054016', class: Migration20261130054016 }, // the demo data set's marks (issue 14)
  { name: 'Migration20261130063000', class: Migration20261130063000 }, // index on indicator (attribute, name): the grid's filter and sort (issue 13)
  { name: 'Migration20261130100000', class: Migration20261130100000 }, // the rectification loop: VERIFIED, rectification_step, rectification_feedback (issue 15)
  { name: 'Migration20261130100100', class: Migration20261130100100 }, // published monthly bulletins (issue 15)
  { name: 'Migration20261130100200', class: Migration20261130100200 }, // evaluations and the 3+1 annual score: evaluation, score_rule, department_rating, innovation_bonus, score_publication (issue 15)
  { name: 'Migration20261130100300', class: Migration20261130100300 }, // citizen comments of the public page (issue 15)
  { name: 'Migration20261130110100', class: Migration20261130110100 }, // datasets and their link tokens (issue 16)
  { name: 'Migration20261130110200', class: Migration20261130110200 }, // the change log behind live subscriptions: row_change, row_change_set, their triggers and NOTIFY (issue 17)
];
