import { FreeText } from '../common/text';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { ResponsibilityRole } from './responsibility.enums';

@InputType()
export class ResponsibilityInput {
  @Field(() => String, { description: 'Code, canonical name or any alias.' })
  @IsString() @MinLength(1, { message: 'department must not be empty' }) @MaxLength(200)
  department!: string;

  @Field(() => ResponsibilityRole)
  @IsIn(Object.values(ResponsibilityRole))
  role!: ResponsibilityRole;

  @Field(() => String, { nullable: true, description: 'Why this unit holds the item, in Chinese.' })
  @FreeText() @IsOptional() @IsString() @MaxLength(2000)
  note?: string;

  @Field(() => String, { nullable: true, description: 'The note in English. Left out: kept from the stored responsibility when its note is unchanged, else none.' })
  @FreeText() @IsOptional() @IsString() @MaxLength(2000)
  noteEn?: string;
}
