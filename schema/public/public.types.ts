import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { IndicatorAttribute } from '../indicators/indicator.enums';
import { RectificationStatus } from '../rectifications/rectification.enums';

/**
 * The public page (公众监督): types of their own rather than Indicator, SpecialTarget and
 * Rectification, so what the public root fields reach is exactly this list — plan texts, targets,
 * approved progress, status and published feedback — and never a ledger draft, a department's
 * internal notes, an account or an audit entry, even where the hub is run without anonymous reads
 * (server/public/public.fields.ts). Each is resolved from its entity (server/public/public.resolver.ts).
 */

@ObjectType({ description: 'A key indicator (table 1) on the public page: its target, year targets and completion from approved values.' })
export class PublicIndicator {
  @Field(() => ID)
  id!: number;

  @Field(() => Int)
  seq!: number;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  unit!: string;

  @Field(() => IndicatorAttribute)
  attribute!: IndicatorAttribute;

  @Field(() => String, { description: 'The 2020 target as the plan states it.' })
  targetText!: string;

  @Field(() => Boolean, { description: 'Five-year cumulative figure.' })
  cumulative!: boolean;

  @Field(() => Float, { nullable: true })
  baseValue?: number | null;

  @Field(() => Int)
  baseYear!: number;
}

@ObjectType({ description: 'A milestone of a special target on the public page, with its completion from approved values.' })
export class PublicMilestone {
  @Field(() => ID)
  id!: number;

  @Field(() => Int)
  seq!: number;

  @Field(() => String, { description: 'The aim as the plan words it, e.g. 上市企业150家.' })
  text!: string;

  @Field(() => Float)
  value!: number;

  @Field(() => String)
  unit!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => Boolean)
  cumulative!: boolean;
}

@ObjectType({ description: 'A special target (table 2) on the public page, with its milestones.' })
export class PublicSpecialTarget {
  @Field(() => ID)
  id!: number;

  @Field(() => Int)
  seq!: number;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  content!: string;
}

@ObjectType({ description: 'The newest published feedback on a rectification.' })
export class PublicFeedback {
  @Field(() => String)
  text!: string;

  @Field(() => Date)
  at!: Date;
}

@ObjectType({ description: 'A rectification (table 3) on the public page: the problem, what is done about it and its status.' })
export class PublicRectification {
  @Field(() => ID)
  id!: number;

  @Field(() => Int)
  seq!: number;

  @Field(() => String, { description: '问题概要.' })
  problem!: string;

  @Field(() => String, { description: '整改方向.' })
  direction!: string;

  @Field(() => String, { description: '整改举措及目标.' })
  measures!: string;

  @Field(() => String, { description: '预期成效.' })
  expectedOutcomes!: string;

  @Field(() => Int, { nullable: true })
  deadlineYear?: number | null;

  @Field(() => RectificationStatus)
  status!: RectificationStatus;
}

@ObjectType({ description: 'What the public page (公众监督) shows of one plan: read without signing in, whatever ANONYMOUS_READ says.' })
export class PublicOverview {
  @Field(() => String)
  planCode!: string;

  @Field(() => String)
  planName!: string;

  @Field(() => String)
  planNameEn!: string;

  @Field(() => Int)
  startYear!: number;

  @Field(() => Int)
  endYear!: number;
}
