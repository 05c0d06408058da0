import { Entity, Property, Unique } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { BaseRow } from '../common/base.entity';

/**
 * The defaults of the "3+1" rules, used for a year the office has not set (and shown as such):
 * - 目标考核: each item the department leads or supports earns points by its completion status
 *   (ACHIEVED 100, ON_TRACK 90, AT_RISK 60, OFF_TRACK 30, MISSED 0, NO_DATA 0), weighted by its kind
 *   (binding indicators 2, expected indicators 1, milestones 1); the weighted mean of the led items
 *   and that of the supported items are combined 70 : 30 (a role without items leaves its share to
 *   the other; no items at all scores 0).
 * - parts: 目标考核 60 %, 社会评价 20 %, 领导考评 20 % of their 0–100 scores, plus 创新创优 bonus
 *   points × 1, at most 5 points.
 */
export const DEFAULT_SCORE_RULE = {
  leadShare: 0.7,
  supportShare: 0.3,
  bindingWeight: 2,
  expectedWeight: 1,
  milestoneWeight: 1,
  pointsAchieved: 100,
  pointsOnTrack: 90,
  pointsAtRisk: 60,
  pointsOffTrack: 30,
  pointsMissed: 0,
  pointsNoData: 0,
  targetWeight: 0.6,
  socialWeight: 0.2,
  leadershipWeight: 0.2,
  innovationWeight: 1,
  innovationCap: 5 as number | null,
};
export type ScoreRuleValues = typeof DEFAULT_SCORE_RULE;
export const SCORE_RULE_FIELDS = Object.keys(DEFAULT_SCORE_RULE) as (keyof ScoreRuleValues)[];

@ObjectType({ description: 'The "3+1" rules and weights of one year, edited by the evaluation office. A year without a stored rule uses the documented defaults (stored: false, id 0, version 0).' })
@Entity()
@Unique({ properties: ['year'] })
export class ScoreRule extends BaseRow {
  @Field(() => Int)
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => Boolean, { description: 'false: no rule is stored for the year and these are the defaults.' })
  @Property({ persist: false, type: 'boolean' })
  stored = true;

  @Field(() => Float, { description: '目标考核: the share of the items the department leads (牵头), default 0.7.' })
  @Property({ type: 'double' })
  leadShare: number = DEFAULT_SCORE_RULE.leadShare;

  @Field(() => Float, { description: '目标考核: the share of the items it supports (配合), default 0.3.' })
  @Property({ type: 'double' })
  supportShare: number = DEFAULT_SCORE_RULE.supportShare;

  @Field(() => Float, { description: 'The weight of a binding (约束性) indicator, default 2.' })
  @Property({ type: 'double' })
  bindingWeight: number = DEFAULT_SCORE_RULE.bindingWeight;

  @Field(() => Float, { description: 'The weight of an expected (预期性) indicator, default 1.' })
  @Property({ type: 'double' })
  expectedWeight: number = DEFAULT_SCORE_RULE.expectedWeight;

  @Field(() => Float, { description: 'The weight of a special target’s milestone, default 1.' })
  @Property({ type: 'double' })
  milestoneWeight: number = DEFAULT_SCORE_RULE.milestoneWeight;

  @Field(() => Float, { description: 'Points of an ACHIEVED item, default 100.' })
  @Property({ type: 'double' })
  pointsAchieved: number = DEFAULT_SCORE_RULE.pointsAchieved;

  @Field(() => Float, { description: 'Points of an ON_TRACK item, default 90.' })
  @Property({ type: 'double' })
  pointsOnTrack: number = DEFAULT_SCORE_RULE.pointsOnTrack;

  @Field(() => Float, { description: 'Points of an AT_RISK item, default 60.' })
  @Property({ type: 'double' })
  pointsAtRisk: number = DEFAULT_SCORE_RULE.pointsAtRisk;

  @Field(() => Float, { description: 'Points of an OFF_TRACK item, default 30.' })
  @Property({ type: 'double' })
  pointsOffTrack: number = DEFAULT_SCORE_RULE.pointsOffTrack;

  @Field(() => Float, { description: 'Points of a MISSED item, default 0.' })
  @Property({ type: 'double' })
  pointsMissed: number = DEFAULT_SCORE_RULE.pointsMissed;

  @Field(() => Float, { description: 'Points of an item without approved data (NO_DATA), default 0.' })
  @Property({ type: 'double' })
  pointsNoData: number = DEFAULT_SCORE_RULE.pointsNoData;

  @Field(() => Float, { description: 'The weight of 目标考核 in the total, default 0.6.' })
  @Property({ type: 'double' })
  targetWeight: number = DEFAULT_SCORE_RULE.targetWeight;

  @Field(() => Float, { description: 'The weight of 社会评价, default 0.2.' })
  @Property({ type: 'double' })
  socialWeight: number = DEFAULT_SCORE_RULE.socialWeight;

  @Field(() => Float, { description: 'The weight of 领导考评, default 0.2.' })
  @Property({ type: 'double' })
  leadershipWeight: number = DEFAULT_SCORE_RULE.leadershipWeight;

  @Field(() => Float, { description: 'What one 创新创优 bonus point adds to the total, default 1.' })
  @Property({ type: 'double' })
  innovationWeight: number = DEFAULT_SCORE_RULE.innovationWeight;

  @Field(() => Float, { nullable: true, description: 'The most bonus points a department counts in a year (before innovationWeight), default 5; null: no cap.' })
  @Property({ type: 'double', nullable: true })
  innovationCap: number | null = DEFAULT_SCORE_RULE.innovationCap;
}
