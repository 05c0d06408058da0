import { Migration20261127035800 } from './Migration20261127035800';
import { Migration20261127042054 } from './Migration20261127042054';
import { Migration20261127065528 } from './Migration20261127065528';
import { Migration20261130000307 } from './Migration20261130000307';
import { Migration20261130025640 } from './Migration20261130025640';
import { Migration20261130033117 } from './Migration20261130033117';
import { Migration20261130053407 } from './Migration20261130053407';
import { Migration20261130053955 } from './Migration20261130053955';
import { Migration20261130063000 } from './Migration20261130063000';
import { Migration20261130100000 } from './Migration20261130100000';
import { Migration20261130100100 } from './Migration20261130100100';
import { Migration20261130100200 } from './Migration20261130100200';
import { Migration20261130100300 } from './Migration20261130100300';
import { Migration20261130110100 } from './Migration20261130110100';
import { Migration20261130110200 } from './Migration20261130110200';

export const sqliteMigrations = [
  { name: 'Migration20261127035800', class: Migration20261127035800 },
  { name: 'Migration20261127042054', class: Migration20261127042054 }, // accounts, credentials, audit trail
  { name: 'Migration20261127065528', class: Migration20261127065528 }, // data generation and its triggers (response cache)
  { name: 'Migration20261130000307', class: Migration20261130000307 }, // Responsibility.noteEn (issue 10)
  { name: 'Migration20261130025640', class: Migration20261130025640 }, // the data generation kept per table (issue 13)
  { name: 'Migration20261130033117', class: Migration20261130033117 }, // year targets: Indicator.baseValue/baseYear/targetMethod, year_target (issue 14)
  { name: 'Migration20261130053407', class: Migration20261130053407 }, // milestones, ledger entries and evidence (issue 14)
  { name: 'Migration20261130053955', class: Migration20261130053955 }, // the demo data set's marks (issue 14)
  { name: 'Migration20261130063000', class: Migration20261130063000 }, // index on indicator (attribute, name): the grid's filter and sort (issue 13)
  { name: 'Migration20261130100000', class: Migration20261130100000 }, // the rectification loop: VERIFIED, rectification_step, rectification_feedback (issue 15)
  { name: 'Migration20261130100100', class: Migration20261130100100 }, // published monthly bulletins (issue 15)
  { name: 'Migration20261130100200', class: Migration20261130100200 }, // evaluations and the 3+1 annual score: evaluation, score_rule, department_rating, innovation_bonus, score_publication (issue 15)
  { name: 'Migration20261130100300', class: Migration20261130100300 }, // citizen comments of the public page (issue 15)
  { name: 'Migration20261130110100', class: Migration20261130110100 }, // datasets and their link tokens (issue 16)
  { name: 'Migration20261130110200', class: Migration20261130110200 }, // the change log behind live subscriptions: row_change, row_change_set, their triggers and NOTIFY (issue 17)
];
