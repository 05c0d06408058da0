import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ImportAction, TransferFormat, TransferTable } from './transfer.enums';

@ObjectType({ description: 'One problem found in a file: where it is, what the cell held, and why it is refused.' })
export class ImportProblem {
  @Field(() => TransferTable, { nullable: true })
  table?: TransferTable | null;

  @Field(() => Int, { nullable: true, description: 'The row as a spreadsheet numbers it (the header is row 1); the item number in a JSON array. Null for the whole file.' })
  row?: number | null;

  @Field(() => String, { nullable: true, description: 'The column’s header as the file writes it.' })
  column?: string | null;

  @Field(() => String, { nullable: true, description: 'The cell as read (cut at 200 characters).' })
  value?: string | null;

  @Field(() => String)
  reason!: string;

  @Field(() => String, { description: 'BAD_USER_INPUT, CONFLICT, FORBIDDEN or NOT_FOUND, as the same change through the API would get.' })
  code!: string;

  @Field(() => [String], { nullable: true, description: 'For unknown department names: the closest known names.' })
  suggestions?: string[] | null;
}

@ObjectType({ description: 'A column of the file and the field it was mapped to.' })
export class ImportColumn {
  @Field(() => String)
  header!: string;

  @Field(() => String)
  field!: string;
}

@ObjectType()
export class ImportChange {
  @Field(() => String)
  field!: string;

  @Field(() => String, { nullable: true, description: 'As the file would write it; null when empty.' })
  before?: string | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@ObjectType({ description: 'One row of the file (or one row the import deletes), as previewed.' })
export class ImportRowPreview {
  @Field(() => Int, { nullable: true, description: 'Row number in the file; null for a row that delete-missing removes.' })
  row?: number | null;

  @Field(() => String, { description: 'The natural key: seq for plan tables, code for departments and plans.' })
  key!: string;

  @Field(() => ImportAction)
  action!: ImportAction;

  @Field(() => [String], { description: 'The cells as read, in the order of `columns`.' })
  cells!: string[];

  @Field(() => [ImportChange])
  changes!: ImportChange[];
}

/**
 * What an import does to one table's rows, counted; shared by the whole result and each table's.
 * Not part of the schema (nothing returns it): the two types that extend it inherit its fields.
 */
@ObjectType()
class ImportCounts {
  @Field(() => TransferTable)
  table!: TransferTable;

  @Field(() => Int)
  rowCount!: number;

  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => Int)
  deleted!: number;
}

@ObjectType()
export class ImportTableResult extends ImportCounts {
  @Field(() => [ImportColumn])
  columns!: ImportColumn[];

  @Field(() => [ImportRowPreview], { description: 'Up to previewLimit rows, in file order; deletions last.' })
  rows!: ImportRowPreview[];
}

@ObjectType({ description: 'What an import did, or in a dry run would do. applied is true only for a real run that committed.' })
export class ImportResult extends ImportCounts {
  @Field(() => ID, { description: 'Groups this run’s audit entries (batchId).' })
  importId!: string;

  @Field(() => TransferFormat)
  format!: TransferFormat;

  @Field(() => String, { nullable: true, description: 'The text encoding read: UTF-8, UTF-8 with BOM, GB18030, UTF-16LE…; null for XLSX.' })
  encoding?: string | null;

  @Field(() => String, { nullable: true })
  planCode?: string | null;

  @Field(() => Boolean)
  dryRun!: boolean;

  @Field(() => Boolean)
  applied!: boolean;

  @Field(() => Int, { description: 'All problems found; `problems` lists the first 1000.' })
  problemCount!: number;

  @Field(() => [ImportProblem])
  problems!: ImportProblem[];

  @Field(() => [ImportTableResult])
  tables!: ImportTableResult[];
}

@ObjectType()
export class ExportResult {
  @Field(() => TransferTable)
  table!: TransferTable;

  @Field(() => TransferFormat)
  format!: TransferFormat;

  @Field(() => String, { description: 'A suggested file name, e.g. binjiang-13th-indicators.csv.' })
  filename!: string;

  @Field(() => String)
  mimeType!: string;

  @Field(() => Int)
  rowCount!: number;

  @Field(() => String)
  contentBase64!: string;
}
