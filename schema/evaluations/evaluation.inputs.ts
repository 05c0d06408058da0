import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { Page } from '../common/page';
import { FreeText } from '../common/text';
import { Evaluation } from './evaluation.entity';
import { EvaluationKind, EvaluationStatus } from './evaluation.enums';

/** The longest findings, measures, response or note text: a page of prose. */
export const EVALUATION_TEXT_MAX = 5000;
export const EVALUATION_YEARS = { first: 2016, last: 2030 } as const;
const YEAR_MESSAGE = `year must be a year of ${EVALUATION_YEARS.first}–${EVALUATION_YEARS.last}`;

@InputType({
  description:
    'An evaluation as the office writes it. Without id (and expectedVersion) saveEvaluation creates one; with id and expectedVersion it changes that one. ' +
    'QUARTERLY needs year and quarter (one per department and quarter); INSPECTION needs title and date (its year is the date’s).',
})
export class EvaluationInput {
  @Field(() => String, { nullable: true, description: 'The evaluation to change; absent: a new one.' })
  @IsOptional() @IsString() @Matches(/^\s*\d{1,15}\s*$/, { message: 'id must be a row id' })
  id?: string | null;

  @Field(() => String, { description: 'Code, canonical name or any alias of the department evaluated.' })
  @IsString() @MaxLength(200)
  department!: string;

  @Field(() => EvaluationKind)
  @IsIn(Object.values(EvaluationKind))
  kind!: EvaluationKind;

  @Field(() => Int, { nullable: true, description: 'QUARTERLY: the year.' })
  @IsOptional() @IsInt({ message: YEAR_MESSAGE }) @Min(EVALUATION_YEARS.first, { message: YEAR_MESSAGE }) @Max(EVALUATION_YEARS.last, { message: YEAR_MESSAGE })
  year?: number | null;

  @Field(() => Int, { nullable: true, description: 'QUARTERLY: the quarter, 1–4.' })
  @IsOptional() @IsInt({ message: 'quarter must be 1, 2, 3 or 4' }) @Min(1, { message: 'quarter must be 1, 2, 3 or 4' }) @Max(4, { message: 'quarter must be 1, 2, 3 or 4' })
  quarter?: number | null;

  @Field(() => String, { nullable: true, description: 'INSPECTION: its title (督查事项).' })
  @IsOptional() @IsString() @MaxLength(300, { message: 'title must be at most 300 characters' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'INSPECTION: its date, YYYY-MM-DD.' })
  @IsOptional() @IsString() @MaxLength(10, { message: 'date must be a date YYYY-MM-DD' })
  date?: string | null;

  @Field(() => String, { description: `What the office found, at most ${EVALUATION_TEXT_MAX} characters.` })
  @FreeText() @IsString() @MaxLength(EVALUATION_TEXT_MAX, { message: `findings must be at most ${EVALUATION_TEXT_MAX} characters` })
  findings!: string;

  @Field(() => String, { description: `The improvement measures asked for (绩效改进对策措施), at most ${EVALUATION_TEXT_MAX} characters.` })
  @FreeText() @IsString() @MaxLength(EVALUATION_TEXT_MAX, { message: `measures must be at most ${EVALUATION_TEXT_MAX} characters` })
  measures!: string;
}

@InputType({ description: 'Every condition given must hold.' })
export class EvaluationFilter {
  @Field(() => String, { nullable: true, description: 'Code, canonical name or any alias of the department.' })
  @IsOptional() @IsString() @MaxLength(200)
  department?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional() @IsInt({ message: YEAR_MESSAGE }) @Min(EVALUATION_YEARS.first, { message: YEAR_MESSAGE }) @Max(EVALUATION_YEARS.last, { message: YEAR_MESSAGE })
  year?: number | null;

  @Field(() => Int, { nullable: true, description: 'Quarterly evaluations of this quarter (1–4).' })
  @IsOptional() @IsInt({ message: 'quarter must be 1, 2, 3 or 4' }) @Min(1, { message: 'quarter must be 1, 2, 3 or 4' }) @Max(4, { message: 'quarter must be 1, 2, 3 or 4' })
  quarter?: number | null;

  @Field(() => EvaluationKind, { nullable: true })
  @IsOptional() @IsIn(Object.values(EvaluationKind))
  kind?: EvaluationKind | null;

  @Field(() => EvaluationStatus, { nullable: true })
  @IsOptional() @IsIn(Object.values(EvaluationStatus))
  status?: EvaluationStatus | null;
}

export const EvaluationPage = Page(Evaluation, 'EvaluationPage');
