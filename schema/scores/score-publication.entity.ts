import { Entity, Property, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseRow } from '../common/base.entity';

/**
 * A published year of "3+1" scores: the answer of annualScores(year) as it was at publication, kept as
 * JSON (snapshot) and served from then on; the year's rules, ratings and bonuses are refused changes.
 */
@ObjectType({ description: 'The publication of one year’s "3+1" scores: from then on they are frozen.' })
@Entity()
@Unique({ properties: ['year'] })
export class ScorePublication extends BaseRow {
  @Field(() => Int)
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 100, nullable: true })
  publishedBy?: string | null;

  @Field(() => Date)
  @Property({ type: 'Date' })
  publishedAt!: Date;

  /** The computed scores as published (DepartmentAnnualScore[] as JSON, departments by id). */
  @Property({ type: 'text', lazy: true })
  snapshot!: string;
}
