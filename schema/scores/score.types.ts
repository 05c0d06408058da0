import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Department } from '../departments/department.entity';
import { IndicatorAttribute } from '../indicators/indicator.enums';
import { ProgressStatus } from '../progress/progress.enums';
import { ResponsibilityRole } from '../responsibilities/responsibility.enums';
import { ScoreInputKind, ScorePart } from './score.enums';

@ObjectType({ description: 'One input of a part of the "3+1" score, so a department can check it: an item with its status, points and weight; a role’s subtotal; an entered rating; a bonus.' })
export class ScoreInput {
  @Field(() => ScoreInputKind)
  kind!: ScoreInputKind;

  @Field(() => String, { description: 'What it is: the indicator’s name or milestone’s text, 牵头/配合 for a role subtotal, the rating’s or topic’s name.' })
  label!: string;

  @Field(() => String, { nullable: true, description: 'ITEM: `indicator:<id>` or `milestone:<id>`; BONUS: `innovationTopic:<id>`.' })
  itemKey!: string | null;

  @Field(() => ResponsibilityRole, { nullable: true, description: 'ITEM and ROLE: the department’s role.' })
  role!: ResponsibilityRole | null;

  @Field(() => IndicatorAttribute, { nullable: true, description: 'ITEM: an indicator’s attribute (null for milestones).' })
  attribute!: IndicatorAttribute | null;

  @Field(() => ProgressStatus, { nullable: true, description: 'ITEM: its completion status in the year.' })
  status!: ProgressStatus | null;

  @Field(() => Float, { nullable: true, description: 'ITEM: the completion ratio; RATING: the entered score; BONUS: the points granted; ROLE: the subtotal (weighted mean points); CAP: the points counted.' })
  value!: number | null;

  @Field(() => Float, { nullable: true, description: 'ITEM: the points its status earns.' })
  points!: number | null;

  @Field(() => Float, { nullable: true, description: 'ITEM: its weight (binding, expected or milestone); ROLE: the role’s share as applied (after a missing role left its share).' })
  weight!: number | null;

  @Field(() => String, { nullable: true, description: 'A sentence a person can check: the completion’s explanation, a note.' })
  note!: string | null;
}

@ObjectType({ description: 'One part of a department’s "3+1" score.' })
export class AnnualScorePart {
  @Field(() => ScorePart)
  part!: ScorePart;

  @Field(() => Float, { description: 'The part’s score: 0–100 for TARGET, SOCIAL and LEADERSHIP; the bonus points counted for INNOVATION.' })
  score!: number;

  @Field(() => Float, { description: 'Its weight in the total (the year’s rule).' })
  weight!: number;

  @Field(() => Float, { description: 'score × weight, rounded to 2 decimals: what it adds to the total.' })
  weighted!: number;

  @Field(() => [ScoreInput], { description: 'What the score is made of.' })
  inputs!: ScoreInput[];
}

@ObjectType({ description: 'A department’s "3+1" annual score (目标考核, 社会评价, 领导考评 + 创新创优) for one year, with every part and its inputs.' })
export class DepartmentAnnualScore {
  @Field(() => Department)
  department!: Department;

  @Field(() => Int)
  year!: number;

  @Field(() => Float, { description: 'The sum of the parts’ weighted scores, rounded to 2 decimals.' })
  total!: number;

  @Field(() => Int, { description: '1 for the highest total; equal totals share a rank and the next rank skips (1, 1, 3).' })
  rank!: number;

  @Field(() => [AnnualScorePart], { description: 'TARGET, SOCIAL, LEADERSHIP, INNOVATION, in that order.' })
  parts!: AnnualScorePart[];

  @Field(() => Boolean, { description: 'true: the year is published and these numbers are frozen.' })
  published!: boolean;

  @Field(() => Date, { nullable: true })
  publishedAt!: Date | null;
}
