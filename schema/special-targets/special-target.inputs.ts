import { FreeText } from '../common/text';
import { Page } from '../common/page';
import { SpecialTarget } from './special-target.entity';
import { ArrayMaxSize, IsBoolean, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { RoleItemFilter } from '../common/filters';
import { OptionalText, RequiredText, Seq } from '../common/validators';
import { ResponsibilityInput } from '../responsibilities/responsibility.inputs';
import { AssessmentMethod } from './special-target.enums';

@InputType()
export class SpecialTargetFilter extends RoleItemFilter {
  @Field(() => AssessmentMethod, { nullable: true }) @IsOptional()
  assessmentMethod?: AssessmentMethod;
}

@InputType()
export class SpecialTargetInput {
  @Field(() => Int) @Seq()
  seq!: number;

  @Field(() => String) @RequiredText('title', 300)
  title!: string;

  @Field(() => String) @FreeText() @RequiredText('content', 20000)
  content!: string;

  @Field(() => [AssessmentMethod], { nullable: true }) @IsOptional() @ArrayMaxSize(5)
  assessmentMethods?: AssessmentMethod[];

  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean()
  othersInvolved?: boolean;

  @Field(() => [ResponsibilityInput], { nullable: true }) @IsOptional() @ArrayMaxSize(50) @ValidateNested({ each: true })
  responsibilities?: ResponsibilityInput[];

  @Field(() => [ID], { nullable: true }) @IsOptional() @ArrayMaxSize(5000)
  indicatorIds?: string[];

  @Field(() => String, { nullable: true, description: 'Plan code; the newest plan when absent.' }) @IsOptional() @IsString() @MaxLength(64)
  planCode?: string;
}

@InputType()
export class SpecialTargetPatch {
  @Field(() => Int, { nullable: true }) @IsOptional() @Seq()
  seq?: number;

  @Field(() => String, { nullable: true }) @OptionalText('title', 300)
  title?: string;

  @Field(() => String, { nullable: true }) @FreeText() @OptionalText('content', 20000)
  content?: string;

  @Field(() => [AssessmentMethod], { nullable: true }) @IsOptional() @ArrayMaxSize(5)
  assessmentMethods?: AssessmentMethod[];

  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean()
  othersInvolved?: boolean;

  @Field(() => [ResponsibilityInput], { nullable: true, description: 'Replaces the whole list.' }) @IsOptional() @ArrayMaxSize(50) @ValidateNested({ each: true })
  responsibilities?: ResponsibilityInput[];

  @Field(() => [ID], { nullable: true, description: 'Replaces the linked indicators.' }) @IsOptional() @ArrayMaxSize(5000)
  indicatorIds?: string[];
}

export const SpecialTargetPage = Page(SpecialTarget, 'SpecialTargetPage');
