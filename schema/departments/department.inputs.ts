import { ArrayMaxSize, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType()
export class DepartmentInput {
  @Field(() => String)
  @Matches(/^[a-z][a-z0-9-]{1,63}$/, { message: 'code must be a lowercase slug (a-z, 0-9, -), 2 to 64 characters' })
  code!: string;

  @Field(() => String)
  @IsString() @MinLength(1, { message: 'name must not be empty' }) @MaxLength(200)
  name!: string;

  @Field(() => String)
  @IsString() @MinLength(1, { message: 'nameEn must not be empty' }) @MaxLength(300)
  nameEn!: string;

  @Field(() => [String], { nullable: true })
  @IsOptional() @ArrayMaxSize(50) @IsString({ each: true }) @MinLength(1, { each: true, message: 'aliases must not be empty' }) @MaxLength(200, { each: true })
  aliases?: string[];
}

@InputType()
export class DepartmentPatch {
  @Field(() => String, { nullable: true })
  @IsOptional() @Matches(/^[a-z][a-z0-9-]{1,63}$/, { message: 'code must be a lowercase slug (a-z, 0-9, -), 2 to 64 characters' })
  code?: string;

  @Field(() => String, { nullable: true })
  @IsOptional() @IsString() @MinLength(1, { message: 'name must not be empty' }) @MaxLength(200)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional() @IsString() @MinLength(1, { message: 'nameEn must not be empty' }) @MaxLength(300)
  nameEn?: string;

  @Field(() => [String], { nullable: true, description: 'Replaces the whole alias list.' })
  @IsOptional() @ArrayMaxSize(50) @IsString({ each: true }) @MinLength(1, { each: true, message: 'aliases must not be empty' }) @MaxLength(200, { each: true })
  aliases?: string[];
}
