import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { Field, Float, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { Page } from '../common/page';
import { FreeText } from '../common/text';
import { BoundedNumber } from '../common/validators';
import { TARGET_VALUE_RULE } from '../common/number-rules';
import { LedgerEntry } from './ledger-entry.entity';
import { LedgerState, PeriodKind } from './ledger.enums';
import { LEDGER_YEARS, PERIOD_HINT, isPeriodError, parsePeriod } from './ledger.period';

/** The longest progress text (工作进展) an entry keeps: a page of prose, not a report (reports go in as evidence files). */
export const PROGRESS_TEXT_MAX = 5000;

/** A period string the ledger accepts (ledger.period.ts), refused with what is wrong with it. */
export const Period = (field: string) =>
  ValidateBy({
    name: 'isLedgerPeriod',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && value.length <= 40 && !isPeriodError(parsePeriod(value)),
      defaultMessage: (args) => {
        const value = args?.value;
        if (typeof value !== 'string') return `${field} must be ${PERIOD_HINT}`;
        if (value.length > 40) return `${field} must be ${PERIOD_HINT}`;
        const parsed = parsePeriod(value);
        return isPeriodError(parsed) ? parsed.error : `${field} must be ${PERIOD_HINT}`;
      },
    },
  });

/** The three kinds of item a ledger entry follows. */
export enum LedgerItemKind {
  INDICATOR = 'INDICATOR',
  SPECIAL_TARGET = 'SPECIAL_TARGET',
  MILESTONE = 'MILESTONE',
}
registerEnumType(LedgerItemKind, { name: 'LedgerItemKind', description: 'What a ledger entry follows: an indicator, a special target, or one of a special target’s milestones.' });


@InputType({
  description:
    'One ledger entry: the item (exactly one of indicatorId, specialTargetId, milestoneId), the department, the period and what is reported. ' +
    'Saving creates the entry for (item, department, period), or, with expectedVersion, changes that entry.',
})
export class LedgerEntryInput {
  @Field(() => ID, { nullable: true, description: 'The indicator the entry is about (or specialTargetId, or milestoneId).' })
  @IsOptional() @IsString() @Matches(/^\s*\d{1,15}\s*$/, { message: 'indicatorId must be a row id' })
  indicatorId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional() @IsString() @Matches(/^\s*\d{1,15}\s*$/, { message: 'specialTargetId must be a row id' })
  specialTargetId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A milestone of a special target; the departments of its special target file it.' })
  @IsOptional() @IsString() @Matches(/^\s*\d{1,15}\s*$/, { message: 'milestoneId must be a row id' })
  milestoneId?: string | null;

  @Field(() => String, { nullable: true, description: 'Code, canonical name or any alias of the department filing the entry. An EDITOR files as their own department (the default); the evaluation office names it.' })
  @IsOptional() @IsString() @MaxLength(200)
  department?: string | null;

  @Field(() => String, { description: `The period: ${PERIOD_HINT}. Full-width digits, 2019-q2, 2019-6 and 2019年6月 are read as 2019-Q2 and 2019-06.` })
  @Period('period')
  period!: string;

  @Field(() => Float, { nullable: true, description: 'The actual value in the item’s unit. Months and quarters of flow indicators: the year-to-date total.' })
  @IsOptional() @BoundedNumber('actualValue', TARGET_VALUE_RULE)
  actualValue?: number | null;

  @Field(() => String, { nullable: true, description: `What was done in the period (工作进展), at most ${PROGRESS_TEXT_MAX} characters.` })
  @FreeText() @IsOptional() @IsString() @MaxLength(PROGRESS_TEXT_MAX, { message: `progressText must be at most ${PROGRESS_TEXT_MAX} characters` })
  progressText?: string | null;
}

/** The fields of an entry that an edit (or a restore from the audit trail) changes. */
@InputType({ description: 'The reported fields of a ledger entry; only those given change.' })
export class LedgerEntryPatch {
  @Field(() => Float, { nullable: true })
  @IsOptional() @BoundedNumber('actualValue', TARGET_VALUE_RULE)
  actualValue?: number | null;

  @Field(() => String, { nullable: true })
  @FreeText() @IsOptional() @IsString() @MaxLength(PROGRESS_TEXT_MAX, { message: `progressText must be at most ${PROGRESS_TEXT_MAX} characters` })
  progressText?: string | null;
}

@InputType({ description: 'Every condition given must hold. The approval queue of the evaluation office is { state: SUBMITTED }.' })
export class LedgerEntryFilter {
  @Field(() => String, { nullable: true, description: 'Code, canonical name or any alias of the filing department.' })
  @IsOptional() @IsString() @MaxLength(200)
  department?: string | null;

  @Field(() => LedgerItemKind, { nullable: true })
  @IsOptional() @IsIn(Object.values(LedgerItemKind))
  itemKind?: LedgerItemKind | null;

  @Field(() => [ID], { nullable: true, description: 'Entries about these indicators.' })
  @IsOptional() @ArrayMaxSize(1000)
  indicatorIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Entries about these special targets (not their milestones).' })
  @IsOptional() @ArrayMaxSize(1000)
  specialTargetIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional() @ArrayMaxSize(1000)
  milestoneIds?: string[] | null;

  @Field(() => String, { nullable: true, description: 'One period, as LedgerEntryInput.period reads it.' })
  @IsOptional() @Period('period')
  period?: string | null;

  @Field(() => PeriodKind, { nullable: true })
  @IsOptional() @IsIn(Object.values(PeriodKind))
  periodKind?: PeriodKind | null;

  @Field(() => Int, { nullable: true })
  @IsOptional() @IsInt({ message: `year must be a year of ${LEDGER_YEARS.first}–${LEDGER_YEARS.last}` })
  @Min(LEDGER_YEARS.first, { message: `year must be a year of ${LEDGER_YEARS.first}–${LEDGER_YEARS.last}` })
  @Max(LEDGER_YEARS.last, { message: `year must be a year of ${LEDGER_YEARS.first}–${LEDGER_YEARS.last}` })
  year?: number | null;

  @Field(() => LedgerState, { nullable: true })
  @IsOptional() @IsIn(Object.values(LedgerState))
  state?: LedgerState | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the progress text, the item’s name or title, or the department’s name, code or aliases; % and _ are literal.' })
  @IsOptional() @IsString() @MaxLength(200)
  search?: string | null;
}

export const LedgerEntryPage = Page(LedgerEntry, 'LedgerEntryPage');

