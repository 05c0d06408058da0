import { FreeText } from '../common/text';
import { Page } from '../common/page';
import { InnovationTopic } from './innovation-topic.entity';
import { ArrayMaxSize, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { ItemFilter } from '../common/filters';
import { OptionalText, RequiredText, Seq } from '../common/validators';
import { ResponsibilityInput } from '../responsibilities/responsibility.inputs';
import { ResponsibilityRole } from '../responsibilities/responsibility.enums';
import { InnovationField } from './innovation-topic.enums';

@InputType()
export class InnovationTopicFilter extends ItemFilter {
  @Field(() => InnovationField, { nullable: true }) @IsOptional()
  field?: InnovationField;

  @Field(() => ResponsibilityRole, { nullable: true, description: 'With department: only where it holds this role.' }) @IsOptional()
  role?: ResponsibilityRole;
}

@InputType()
export class InnovationTopicInput {
  @Field(() => Int) @Seq()
  seq!: number;

  @Field(() => InnovationField)
  field!: InnovationField;

  @Field(() => String) @RequiredText('title', 300)
  title!: string;

  @Field(() => String) @FreeText() @RequiredText('problem', 20000)
  problem!: string;

  @Field(() => String) @FreeText() @RequiredText('path', 20000)
  path!: string;

  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(50) @IsString({ each: true }) @MinLength(1, { each: true, message: 'sources must not hold empty texts' }) @MaxLength(300, { each: true })
  sources?: string[];

  @Field(() => [ResponsibilityInput], { nullable: true }) @IsOptional() @ArrayMaxSize(50) @ValidateNested({ each: true })
  responsibilities?: ResponsibilityInput[];

  @Field(() => String, { nullable: true, description: 'Plan code; the newest plan when absent.' }) @IsOptional() @IsString() @MaxLength(64)
  planCode?: string;
}

@InputType()
export class InnovationTopicPatch {
  @Field(() => Int, { nullable: true }) @IsOptional() @Seq()
  seq?: number;

  @Field(() => InnovationField, { nullable: true }) @IsOptional()
  field?: InnovationField;

  @Field(() => String, { nullable: true }) @OptionalText('title', 300)
  title?: string;

  @Field(() => String, { nullable: true }) @FreeText() @OptionalText('problem', 20000)
  problem?: string;

  @Field(() => String, { nullable: true }) @FreeText() @OptionalText('path', 20000)
  path?: string;

  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(50) @IsString({ each: true }) @MinLength(1, { each: true, message: 'sources must not hold empty texts' }) @MaxLength(300, { each: true })
  sources?: string[];

  @Field(() => [ResponsibilityInput], { nullable: true, description: 'Replaces the whole list.' }) @IsOptional() @ArrayMaxSize(50) @ValidateNested({ each: true })
  responsibilities?: ResponsibilityInput[];
}

export const InnovationTopicPage = Page(InnovationTopic, 'InnovationTopicPage');
