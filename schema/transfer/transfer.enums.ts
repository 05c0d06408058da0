import { registerEnumType } from 'type-graphql';

/** What an import or export covers: one table, or the whole plan (JSON only). Values are the CLI's --table names. */
export enum TransferTable {
  ALL = 'all',
  PLANS = 'plans',
  DEPARTMENTS = 'departments',
  INDICATORS = 'indicators',
  SPECIAL_TARGETS = 'specialTargets',
  RECTIFICATIONS = 'rectifications',
  INNOVATION_TOPICS = 'innovationTopics',
  STANDARDS = 'standards',
  /** A department's ledger entries (电子台账): CSV or XLSX, items named by kind and plan number. */
  LEDGER = 'ledgerEntries',
}
registerEnumType(TransferTable, {
  name: 'TransferTable',
  description: 'A table to import or export; ALL is the whole plan (plan, departments and every table) as one JSON document.',
});

export enum TransferFormat {
  CSV = 'csv',
  XLSX = 'xlsx',
  JSON = 'json',
}
registerEnumType(TransferFormat, { name: 'TransferFormat', description: 'CSV (UTF-8 with BOM on export; UTF-8 or GB18030 on import), XLSX or JSON.' });

export enum ContentEncoding {
  TEXT = 'text',
  BASE64 = 'base64',
}
registerEnumType(ContentEncoding, { name: 'ContentEncoding', description: 'How `content` carries the file: TEXT (CSV or JSON as a string) or BASE64 (any file, required for XLSX).' });

export enum ImportAction {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  UNCHANGED = 'UNCHANGED',
  DELETE = 'DELETE',
  ERROR = 'ERROR',
}
registerEnumType(ImportAction, { name: 'ImportAction', description: 'What the import does (or, in a dry run, would do) to a row.' });
