import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

/** The tables a client can follow live (server/live/tables.ts maps them to the database's). */
export enum LiveTable {
  INDICATORS = 'INDICATORS',
  SPECIAL_TARGETS = 'SPECIAL_TARGETS',
  RECTIFICATIONS = 'RECTIFICATIONS',
  INNOVATION_TOPICS = 'INNOVATION_TOPICS',
  STANDARDS = 'STANDARDS',
  DEPARTMENTS = 'DEPARTMENTS',
  LEDGER = 'LEDGER',
  YEAR_TARGETS = 'YEAR_TARGETS',
}
registerEnumType(LiveTable, { name: 'LiveTable', description: 'A table whose committed changes `rowsChanged` announces.' });

export enum RowChangeKind {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  DELETED = 'DELETED',
}
registerEnumType(RowChangeKind, { name: 'RowChangeKind', description: 'What happened to a row: CREATED, UPDATED or DELETED.' });

@ObjectType({ description: 'One changed row: its id, its version after the change (null when deleted or unversioned) and the kind of change.' })
export class RowChange {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { nullable: true })
  version!: number | null;

  @Field(() => RowChangeKind)
  kind!: RowChangeKind;
}

@ObjectType({
  description:
    'Committed changes of a table the subscriber may read, whoever made them (any hub process, the CLI, an import, SQL). ' +
    '`generation` is where the client is now: give it back as `since` after a reconnect. ' +
    '`reload` (rows empty) means too many rows changed at once (a bulk import) or the changes since `since` are no longer known: read the table again.',
})
export class RowsChanged {
  @Field(() => LiveTable)
  table!: LiveTable;

  @Field(() => String)
  generation!: string;

  @Field(() => [RowChange])
  rows!: RowChange[];

  @Field(() => Boolean)
  reload!: boolean;
}
