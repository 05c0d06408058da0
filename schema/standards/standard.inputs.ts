import { Page } from '../common/page';
import { Standard } from './standard.entity';
import { ArrayMaxSize, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { ItemFilter } from '../common/filters';
import { OptionalText, RequiredText, Seq, Year } from '../common/validators';
import { ResponsibilityInput } from '../responsibilities/responsibility.inputs';
import { ResponsibilityRole } from '../responsibilities/responsibility.enums';

@InputType()
export class StandardFilter extends ItemFilter {
  @Field(() => Int, { nullable: true }) @IsOptional() @Year('releaseYear')
  releaseYear?: number;

  @Field(() => ResponsibilityRole, { nullable: true, description: 'With department: only where it holds this role.' }) @IsOptional()
  role?: ResponsibilityRole;
}

@InputType()
export class StandardInput {
  @Field(() => Int) @Seq()
  seq!: number;

  @Field(() => String) @RequiredText('name', 300)
  name!: string;

  @Field(() => Int) @Year('releaseYear')
  releaseYear!: number;

  @Field(() => [ResponsibilityInput], { nullable: true }) @IsOptional() @ArrayMaxSize(50) @ValidateNested({ each: true })
  responsibilities?: ResponsibilityInput[];

  @Field(() => String, { nullable: true, description: 'Plan code; the newest plan when absent.' }) @IsOptional() @IsString() @MaxLength(64)
  planCode?: string;
}

@InputType()
export class StandardPatch {
  @Field(() => Int, { nullable: true }) @IsOptional() @Seq()
  seq?: number;

  @Field(() => String, { nullable: true }) @OptionalText('name', 300)
  name?: string;

  @Field(() => Int, { nullable: true }) @IsOptional() @Year('releaseYear')
  releaseYear?: number;

  @Field(() => [ResponsibilityInput], { nullable: true, description: 'Replaces the whole list.' }) @IsOptional() @ArrayMaxSize(50) @ValidateNested({ each: true })
  responsibilities?: ResponsibilityInput[];
}

export const StandardPage = Page(Standard, 'StandardPage');
