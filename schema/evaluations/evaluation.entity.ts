import { Entity, Enum, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseRow } from '../common/base.entity';
import { Department } from '../departments/department.entity';
import { EvaluationKind, EvaluationStatus } from './evaluation.enums';

/**
 * The office's evaluation of one department: the quarterly evaluation (季度评估) for one quarter, or a
 * special inspection (重点督查) with a title and a date. The office writes the findings and the
 * improvement measures it asks for (绩效改进对策措施); the department's editors answer; the office
 * closes it. `quarterKey` ('2019-Q2' for QUARTERLY, NULL for inspections) makes "one quarterly
 * evaluation per department and quarter" a plain unique index (NULLs repeat on both engines).
 */
@ObjectType({ description: 'A quarterly evaluation (季度评估) or special inspection (重点督查) of one department: findings, the improvement measures asked for, the department’s response and the follow-up status.' })
@Entity()
@Unique({ properties: ['department', 'quarterKey'] })
@Index({ properties: ['status', 'year'] })
export class Evaluation extends BaseRow {
  @ManyToOne(() => Department, { deleteRule: 'cascade' })
  department!: Rel<Department>;

  @Field(() => EvaluationKind)
  @Enum({ items: () => EvaluationKind })
  kind!: EvaluationKind;

  @Field(() => Int)
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => Int, { nullable: true, description: 'The quarter (1–4) of a quarterly evaluation; null for an inspection.' })
  @Property({ type: 'integer', nullable: true })
  quarter?: number | null;

  /** `2019-Q2` for a quarterly evaluation, null for an inspection. */
  @Field(() => String, { nullable: true, description: 'The quarter as a period (2019-Q2); null for an inspection.' })
  @Property({ type: 'string', length: 10, nullable: true })
  quarterKey?: string | null;

  @Field(() => String, { nullable: true, description: 'An inspection’s title (重点督查 subject); null for a quarterly evaluation.' })
  @Property({ type: 'string', length: 300, nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'An inspection’s date (YYYY-MM-DD); null for a quarterly evaluation.' })
  @Property({ type: 'string', length: 10, nullable: true })
  inspectionDate?: string | null;

  @Field(() => String, { description: 'What the office found (评估发现的问题).' })
  @Property({ type: 'text' })
  findings!: string;

  @Field(() => String, { description: 'The improvement measures asked for (绩效改进对策措施).' })
  @Property({ type: 'text' })
  measures!: string;

  @Field(() => String, { nullable: true, description: 'The department’s response (整改反馈).' })
  @Property({ type: 'text', nullable: true })
  response?: string | null;

  @Field(() => String, { nullable: true, description: 'Who answered last (username).' })
  @Property({ type: 'string', length: 100, nullable: true })
  respondedBy?: string | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', nullable: true })
  respondedAt?: Date | null;

  @Field(() => EvaluationStatus)
  @Enum({ items: () => EvaluationStatus })
  status: EvaluationStatus = EvaluationStatus.OPEN;

  @Field(() => String, { nullable: true, description: 'The office’s note when it closed or reopened the evaluation.' })
  @Property({ type: 'text', nullable: true })
  statusNote?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the office closed it; null while it is not closed.' })
  @Property({ type: 'Date', nullable: true })
  closedAt?: Date | null;
}
