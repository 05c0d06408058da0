import { Page } from '../common/page';
import { Indicator } from './indicator.entity';
import { ArrayMaxSize, IsBoolean, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { RoleItemFilter } from '../common/filters';
import { BoundedNumber, OptionalText, RequiredText, Seq, Year } from '../common/validators';
import { GROWTH_PCT_RULE, TARGET_VALUE_RULE } from '../common/number-rules';
import { ResponsibilityInput } from '../responsibilities/responsibility.inputs';
import { IndicatorAttribute, TargetKind, TargetMethod } from './indicator.enums';

@InputType({ description: 'department takes a code, a canonical name or any alias; role narrows it to LEAD or SUPPORT.' })
export class IndicatorFilter extends RoleItemFilter {
  @Field(() => IndicatorAttribute, { nullable: true })
  @IsOptional()
  attribute?: IndicatorAttribute;

  @Field(() => Boolean, { nullable: true })
  @IsOptional() @IsBoolean()
  cumulative?: boolean;

  @Field(() => TargetKind, { nullable: true })
  @IsOptional()
  targetKind?: TargetKind;
}

@InputType()
export class IndicatorInput {
  @Field(() => Int) @Seq()
  seq!: number;

  @Field(() => String) @RequiredText('name', 300)
  name!: string;

  @Field(() => String) @RequiredText('unit', 50)
  unit!: string;

  @Field(() => String) @RequiredText('targetText', 200)
  targetText!: string;

  @Field(() => Float, { nullable: true }) @IsOptional() @BoundedNumber('targetValue', TARGET_VALUE_RULE)
  targetValue?: number | null;

  @Field(() => TargetKind)
  targetKind!: TargetKind;

  @Field(() => Float, { nullable: true }) @IsOptional() @BoundedNumber('annualGrowthPct', GROWTH_PCT_RULE)
  annualGrowthPct?: number | null;

  @Field(() => IndicatorAttribute)
  attribute!: IndicatorAttribute;

  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean()
  cumulative?: boolean;

  @Field(() => Float, { nullable: true }) @IsOptional() @BoundedNumber('baseValue', TARGET_VALUE_RULE)
  baseValue?: number | null;

  @Field(() => Int, { nullable: true, description: 'Defaults to 2015.' }) @IsOptional() @Year('baseYear')
  baseYear?: number;

  @Field(() => TargetMethod, { nullable: true, description: 'null: the default for the target kind.' }) @IsOptional()
  targetMethod?: TargetMethod | null;

  @Field(() => [ResponsibilityInput], { nullable: true }) @IsOptional() @ArrayMaxSize(50) @ValidateNested({ each: true })
  responsibilities?: ResponsibilityInput[];

  @Field(() => [ID], { nullable: true, description: 'Special targets that carry this indicator.' }) @IsOptional() @ArrayMaxSize(500)
  specialTargetIds?: string[];

  @Field(() => String, { nullable: true, description: 'Plan code; the newest plan when absent.' }) @IsOptional() @IsString() @MaxLength(64)
  planCode?: string;

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(300)
  unitAsWritten?: string | null;

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200)
  targetAsWritten?: string | null;
}

@InputType({ description: 'Only the fields given change. A new targetText without targetKind/targetValue re-reads them from the text.' })
export class IndicatorPatch {
  @Field(() => Int, { nullable: true }) @IsOptional() @Seq()
  seq?: number;

  @Field(() => String, { nullable: true }) @OptionalText('name', 300)
  name?: string;

  @Field(() => String, { nullable: true }) @OptionalText('unit', 50)
  unit?: string;

  @Field(() => String, { nullable: true }) @OptionalText('targetText', 200)
  targetText?: string;

  @Field(() => Float, { nullable: true }) @IsOptional() @BoundedNumber('targetValue', TARGET_VALUE_RULE)
  targetValue?: number | null;

  @Field(() => TargetKind, { nullable: true }) @IsOptional()
  targetKind?: TargetKind;

  @Field(() => Float, { nullable: true }) @IsOptional() @BoundedNumber('annualGrowthPct', GROWTH_PCT_RULE)
  annualGrowthPct?: number | null;

  @Field(() => IndicatorAttribute, { nullable: true }) @IsOptional()
  attribute?: IndicatorAttribute;

  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean()
  cumulative?: boolean;

  @Field(() => Float, { nullable: true, description: 'The evaluation office (ADMIN) sets the base; the derived year targets follow it.' }) @IsOptional() @BoundedNumber('baseValue', TARGET_VALUE_RULE)
  baseValue?: number | null;

  @Field(() => Int, { nullable: true, description: 'ADMIN only.' }) @IsOptional() @Year('baseYear')
  baseYear?: number;

  @Field(() => TargetMethod, { nullable: true, description: 'ADMIN only; null: the default for the target kind.' }) @IsOptional()
  targetMethod?: TargetMethod | null;

  @Field(() => [ResponsibilityInput], { nullable: true, description: 'Replaces the whole list.' }) @IsOptional() @ArrayMaxSize(50) @ValidateNested({ each: true })
  responsibilities?: ResponsibilityInput[];

  @Field(() => [ID], { nullable: true, description: 'Replaces the linked special targets.' }) @IsOptional() @ArrayMaxSize(500)
  specialTargetIds?: string[];

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(300)
  unitAsWritten?: string | null;

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200)
  targetAsWritten?: string | null;
}

export const IndicatorPage = Page(Indicator, 'IndicatorPage');
