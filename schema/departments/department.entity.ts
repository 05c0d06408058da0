import { Collection, Entity, ManyToOne, OneToMany, Property, type Rel } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseRow } from '../common/base.entity';

/**
 * A responsible unit. Departments are shared by all plans. Every spelling of a department
 * (its canonical name, its code and each alias) has a normalised lookup key, so 住建, 区住建局
 * and housing all find the same row.
 */
@ObjectType({ description: 'A district unit that leads or supports plan items.' })
@Entity()
export class Department extends BaseRow {
  @Field(() => String, { description: 'Stable slug, e.g. housing.' })
  @Property({ type: 'string', length: 64, unique: true })
  code!: string;

  @Field(() => String, { description: 'Canonical name as the district writes it, e.g. 区住建局.' })
  @Property({ type: 'string', length: 200, unique: true })
  name!: string;

  /** normaliseName(name), unique, for look-ups. */
  @Property({ type: 'string', length: 200, unique: true })
  nameKey!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 300 })
  nameEn!: string;

  @OneToMany(() => DepartmentAlias, (a) => a.department, { orphanRemoval: true })
  aliasRows = new Collection<DepartmentAlias>(this);
}

@Entity()
export class DepartmentAlias {
  @Property({ type: 'integer', primary: true, autoincrement: true })
  id!: number;

  @ManyToOne(() => Department, { deleteRule: 'cascade' })
  department!: Rel<Department>;

  @Property({ type: 'string', length: 200 })
  alias!: string;

  /** normaliseName(alias); unique across all aliases. */
  @Property({ type: 'string', length: 200, unique: true })
  key!: string;
}

/** Folds the ways one name gets typed: full-width brackets and spaces, Latin case, stray spaces. */
export function normaliseName(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}
