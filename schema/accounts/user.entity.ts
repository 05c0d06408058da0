import { Entity, Enum, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseRow } from '../common/base.entity';
import { Department } from '../departments/department.entity';
import { Role } from './account.enums';

@ObjectType({ description: 'A person who signs in.' })
@Entity()
export class User extends BaseRow {
  @Field(() => String)
  @Property({ type: 'string', length: 64, unique: true })
  username!: string;

  /** scrypt$N$r$p$salt$hash — never leaves the server. */
  @Property({ type: 'string', length: 300, hidden: true })
  passwordHash!: string;

  @Field(() => Role)
  @Enum({ items: () => Role })
  role!: Role;

  /** The department an EDITOR works for; resolved by a field resolver. */
  @ManyToOne(() => Department, { nullable: true, deleteRule: 'restrict' })
  department?: Rel<Department> | null;

  @Field(() => Boolean, { description: 'A disabled user cannot sign in; their sessions stop working.' })
  @Property({ type: 'boolean' })
  disabled: boolean = false;
}
