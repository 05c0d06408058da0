import { FreeText } from '../common/text';
import { Page } from '../common/page';
import { Rectification } from './rectification.entity';
import { ArrayMaxSize, IsBoolean, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { RoleItemFilter } from '../common/filters';
import { OptionalText, RequiredText, Seq, Year } from '../common/validators';
import { ResponsibilityInput } from '../responsibilities/responsibility.inputs';
import { RectificationStatus } from './rectification.enums';

@InputType()
export class RectificationFilter extends RoleItemFilter {
  @Field(() => RectificationStatus, { nullable: true }) @IsOptional()
  status?: RectificationStatus;

  @Field(() => Int, { nullable: true }) @IsOptional() @Year('deadlineYear')
  deadlineYear?: number;
}

@InputType()
export class RectificationInput {
  @Field(() => Int) @Seq()
  seq!: number;

  @Field(() => String) @FreeText() @RequiredText('problem', 20000)
  problem!: string;

  @Field(() => String) @FreeText() @RequiredText('direction', 20000)
  direction!: string;

  @Field(() => String, { description: '整改计划.' }) @FreeText() @RequiredText('plan', 20000)
  plan!: string;

  @Field(() => String) @FreeText() @RequiredText('measures', 20000)
  measures!: string;

  @Field(() => String) @FreeText() @RequiredText('expectedOutcomes', 20000)
  expectedOutcomes!: string;

  @Field(() => Int, { nullable: true }) @IsOptional() @Year('deadlineYear')
  deadlineYear?: number | null;

  @Field(() => RectificationStatus, { nullable: true }) @IsOptional()
  status?: RectificationStatus;

  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean()
  othersInvolved?: boolean;

  @Field(() => [ResponsibilityInput], { nullable: true }) @IsOptional() @ArrayMaxSize(50) @ValidateNested({ each: true })
  responsibilities?: ResponsibilityInput[];

  @Field(() => String, { nullable: true, description: 'Plan code; the newest plan when absent.' }) @IsOptional() @IsString() @MaxLength(64)
  planCode?: string;
}

@InputType()
export class RectificationPatch {
  @Field(() => Int, { nullable: true }) @IsOptional() @Seq()
  seq?: number;

  @Field(() => String, { nullable: true }) @FreeText() @OptionalText('problem', 20000)
  problem?: string;

  @Field(() => String, { nullable: true }) @FreeText() @OptionalText('direction', 20000)
  direction?: string;

  @Field(() => String, { nullable: true, description: '整改计划.' }) @FreeText() @OptionalText('plan', 20000)
  plan?: string;

  @Field(() => String, { nullable: true }) @FreeText() @OptionalText('measures', 20000)
  measures?: string;

  @Field(() => String, { nullable: true }) @FreeText() @OptionalText('expectedOutcomes', 20000)
  expectedOutcomes?: string;

  @Field(() => Int, { nullable: true }) @IsOptional() @Year('deadlineYear')
  deadlineYear?: number | null;

  @Field(() => RectificationStatus, { nullable: true }) @IsOptional()
  status?: RectificationStatus;

  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean()
  othersInvolved?: boolean;

  @Field(() => [ResponsibilityInput], { nullable: true, description: 'Replaces the whole list.' }) @IsOptional() @ArrayMaxSize(50) @ValidateNested({ each: true })
  responsibilities?: ResponsibilityInput[];
}

export const RectificationPage = Page(Rectification, 'RectificationPage');
