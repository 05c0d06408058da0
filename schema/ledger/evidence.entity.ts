import { Entity, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, Property, type Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseRow } from '../common/base.entity';
import { User } from '../accounts/user.entity';
import { LedgerEntry } from './ledger-entry.entity';

/**
 * A file's content, stored once by its SHA-256 (content-addressed): in the database (`bytes`), or
 * in the configured evidence directory (`bytes` null), so several hub processes share it.
 */
@Entity()
export class EvidenceFile {
  [PrimaryKeyProp]?: 'sha256';

  @PrimaryKey({ type: 'string', length: 64 })
  sha256!: string;

  @Property({ type: 'integer' })
  size!: number;

  @Property({ type: 'blob', nullable: true, lazy: true })
  bytes?: Buffer | null;

  @Property({ type: 'Date' })
  createdAt: Date = new Date();
}

/** A file attached to a ledger entry as supporting material. */
@ObjectType({ description: 'A supporting file attached to a ledger entry; download it at downloadUrl (the same rights as reading the entry).' })
@Entity()
@Index({ properties: ['ledgerEntry'] })
export class Evidence extends BaseRow {
  @ManyToOne(() => LedgerEntry, { deleteRule: 'cascade' })
  ledgerEntry!: Rel<LedgerEntry>;

  @ManyToOne(() => EvidenceFile, { deleteRule: 'restrict' })
  file!: Rel<EvidenceFile>;

  @Field(() => String, { description: 'The file name as uploaded, made safe (no path).' })
  @Property({ type: 'string', length: 255 })
  fileName!: string;

  @Field(() => String, { description: 'The media type checked on upload, e.g. application/pdf.' })
  @Property({ type: 'string', length: 100 })
  contentType!: string;

  @Field(() => Int, { description: 'Size in bytes.' })
  @Property({ type: 'integer' })
  size!: number;

  @Field(() => String, { description: 'SHA-256 of the content, hex.' })
  @Property({ type: 'string', length: 64 })
  sha256!: string;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  uploadedBy?: Rel<User> | null;
}
