import { Entity, Index, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseRow } from '../common/base.entity';

/**
 * A saved GraphQL query (issue 16): served as a table by GET /datasets/<name>.csv|.json|.xlsx, and
 * the allow-list of GRAPHQL_ALLOW_ONLY_PERSISTED. Variables and column labels are kept as JSON text.
 */
@ObjectType({ description: 'A saved query served as a CSV, JSON or XLSX link at /datasets/<name>.<ext> (ADMIN writes it).' })
@Entity()
export class Dataset extends BaseRow {
  @Field(() => String, { description: 'URL-safe, unique: lower-case letters, digits and - (the link is /datasets/<name>.csv).' })
  @Property({ type: 'string', length: 80, unique: true })
  name!: string;

  @Field(() => String, { description: 'What the data set holds, e.g. 约束性指标按牵头部门.' })
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field(() => String, { description: 'The GraphQL query (one query operation; no mutation or subscription).' })
  @Property({ type: 'text' })
  query!: string;

  @Field(() => String, { description: 'Default variables, as a JSON object; the link’s query string overrides them.' })
  @Property({ type: 'text' })
  variables: string = '{}';

  @Field(() => String, { description: 'Column labels by path (e.g. {"indicators.name":"指标名称"}), as a JSON object; by default the fields’ Chinese labels.' })
  @Property({ type: 'text' })
  columnLabels: string = '{}';

  @Field(() => String, { nullable: true, description: 'The admin who saved it first.' })
  @Property({ type: 'string', length: 100, nullable: true })
  createdBy?: string | null;
}

/**
 * A secret that reads one dataset, for tools that cannot send a header (?token=…). Only its SHA-256
 * is stored, as for API tokens (schema/accounts/credential.entity.ts).
 */
@ObjectType({ description: 'A link token: reads one dataset only (…/datasets/<name>.csv?token=…). The secret is shown once, at creation.' })
@Entity()
@Index({ properties: ['dataset'] })
export class DatasetLinkToken {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 64, unique: true, hidden: true })
  secretHash!: string;

  @ManyToOne(() => Dataset, { deleteRule: 'cascade' })
  dataset!: Rel<Dataset>;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 100, nullable: true })
  createdBy?: string | null;

  @Field(() => Date)
  @Property({ type: 'Date' })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', nullable: true })
  revokedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', nullable: true })
  lastUsedAt?: Date | null;
}
