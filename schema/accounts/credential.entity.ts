import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { User } from './user.entity';
import { CredentialKind } from './account.enums';

/**
 * A session or an API token. Only the SHA-256 of the secret is stored. Kept in the database, not in
 * process memory, so any number of hub processes accept the same sessions and see the same logouts.
 */
@ObjectType('ApiToken', { description: 'A read-only token for BI tools (the secret itself is shown once, at creation).' })
@Entity()
@Index({ properties: ['user', 'kind'] })
export class Credential {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 64, unique: true, hidden: true })
  secretHash!: string;

  @Enum({ items: () => CredentialKind })
  kind!: CredentialKind;

  @Field(() => String, { description: 'What the token is for, e.g. "Power BI dashboard".' })
  @Property({ type: 'string', length: 200 })
  name: string = '';

  /** The user signed in, or the admin who made the API token. */
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: Rel<User>;

  @Field(() => Date)
  @Property({ type: 'Date' })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', nullable: true })
  expiresAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', nullable: true })
  revokedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', nullable: true })
  lastUsedAt?: Date | null;
}

/** Failed and successful sign-ins, for rate limiting shared by every process. */
@Entity()
@Index({ properties: ['key', 'at'] })
export class LoginAttempt {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** `user:<name>` or `ip:<address>`. */
  @Property({ type: 'string', length: 300 })
  key!: string;

  @Property({ type: 'Date' })
  at: Date = new Date();

  @Property({ type: 'boolean' })
  ok!: boolean;
}
