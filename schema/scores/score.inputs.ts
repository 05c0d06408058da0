import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, Float, InputType, Int } from 'type-graphql';
import { FreeText } from '../common/text';
import { ContentEncoding } from '../transfer/transfer.enums';

const WEIGHT = (field: string) => [IsOptional(), IsNumber({ allowNaN: false, allowInfinity: false }, { message: `${field} must be a number from 0 to 100` }), Min(0, { message: `${field} must be a number from 0 to 100` }), Max(100, { message: `${field} must be a number from 0 to 100` })];
const apply = (decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((d) => d(target, key));

@InputType({ description: 'The "3+1" rules of a year; only the fields given change (a year saved for the first time starts from the defaults). Every number is 0–100.' })
export class ScoreRuleInput {
  @Field(() => Float, { nullable: true }) @apply(WEIGHT('leadShare')) leadShare?: number | null;
  @Field(() => Float, { nullable: true }) @apply(WEIGHT('supportShare')) supportShare?: number | null;
  @Field(() => Float, { nullable: true }) @apply(WEIGHT('bindingWeight')) bindingWeight?: number | null;
  @Field(() => Float, { nullable: true }) @apply(WEIGHT('expectedWeight')) expectedWeight?: number | null;
  @Field(() => Float, { nullable: true }) @apply(WEIGHT('milestoneWeight')) milestoneWeight?: number | null;
  @Field(() => Float, { nullable: true }) @apply(WEIGHT('pointsAchieved')) pointsAchieved?: number | null;
  @Field(() => Float, { nullable: true }) @apply(WEIGHT('pointsOnTrack')) pointsOnTrack?: number | null;
  @Field(() => Float, { nullable: true }) @apply(WEIGHT('pointsAtRisk')) pointsAtRisk?: number | null;
  @Field(() => Float, { nullable: true }) @apply(WEIGHT('pointsOffTrack')) pointsOffTrack?: number | null;
  @Field(() => Float, { nullable: true }) @apply(WEIGHT('pointsMissed')) pointsMissed?: number | null;
  @Field(() => Float, { nullable: true }) @apply(WEIGHT('pointsNoData')) pointsNoData?: number | null;
  @Field(() => Float, { nullable: true }) @apply(WEIGHT('targetWeight')) targetWeight?: number | null;
  @Field(() => Float, { nullable: true }) @apply(WEIGHT('socialWeight')) socialWeight?: number | null;
  @Field(() => Float, { nullable: true }) @apply(WEIGHT('leadershipWeight')) leadershipWeight?: number | null;
  @Field(() => Float, { nullable: true }) @apply(WEIGHT('innovationWeight')) innovationWeight?: number | null;
  @Field(() => Float, { nullable: true, description: 'null: no cap.' }) @apply(WEIGHT('innovationCap')) innovationCap?: number | null;
}

@InputType({ description: 'One department’s entered scores of a year (a grid row, or a spreadsheet row). A score left out stays as it is; null clears it.' })
export class DepartmentRatingInput {
  @Field(() => String, { description: 'Code, canonical name or any alias of the department.' })
  @IsString() @MaxLength(200)
  department!: string;

  @Field(() => Float, { nullable: true, description: '社会评价, 0–100.' })
  @apply(WEIGHT('socialScore'))
  socialScore?: number | null;

  @Field(() => Float, { nullable: true, description: '领导考评, 0–100.' })
  @apply(WEIGHT('leadershipScore'))
  leadershipScore?: number | null;

  @Field(() => String, { nullable: true })
  @FreeText() @IsOptional() @IsString() @MaxLength(2000, { message: 'note must be at most 2000 characters' })
  note?: string | null;

  @Field(() => Int, { nullable: true, description: 'The version the grid read; absent (a file import): the stored row is changed whatever its version.' })
  @IsOptional() @IsInt()
  expectedVersion?: number | null;
}

@InputType({ description: '创新创优 points for one department, year and innovation topic.' })
export class InnovationBonusInput {
  @Field(() => String, { description: 'Code, canonical name or any alias of the department.' })
  @IsString() @MaxLength(200)
  department!: string;

  @Field(() => Int)
  @IsInt()
  year!: number;

  @Field(() => String, { description: 'The innovation topic’s id (创新指南).' })
  @IsString() @Matches(/^\s*\d{1,15}\s*$/, { message: 'innovationTopicId must be a row id' })
  innovationTopicId!: string;

  @Field(() => Float)
  @apply(WEIGHT('points').slice(1))
  points!: number;

  @Field(() => String, { nullable: true })
  @FreeText() @IsOptional() @IsString() @MaxLength(2000, { message: 'note must be at most 2000 characters' })
  note?: string | null;
}

@InputType({ description: 'A spreadsheet of entered scores: CSV (text, or base64) or XLSX (base64).' })
export class RatingsFileInput {
  @Field(() => String, { description: 'The file’s name (its extension tells CSV from XLSX when the content does not).' })
  @IsString() @MaxLength(255, { message: 'filename must be at most 255 characters' })
  filename!: string;

  @Field(() => String, { description: 'The file: text for CSV, or base64 (encoding BASE64, required for XLSX).' })
  @FreeText() @IsString()
  content!: string;

  @Field(() => ContentEncoding, { nullable: true, description: 'TEXT (the default) or BASE64.' })
  @IsOptional() @IsIn(Object.values(ContentEncoding))
  encoding?: ContentEncoding | null;
}
