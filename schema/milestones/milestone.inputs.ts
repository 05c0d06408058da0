import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { BoundedNumber, OptionalText, RequiredText, Seq, Year } from '../common/validators';
import { TARGET_VALUE_RULE } from '../common/number-rules';

/** The fields of a milestone, as files carry them under their special target (the transfer's JSON) and the services take them. */
export interface MilestoneData {
  seq: number;
  text: string;
  name: string;
  value: number;
  unit: string;
  year?: number;
  cumulative?: boolean;
}

/** A milestone's own fields: what the transfer's JSON carries under each special target, and MilestoneInput beside the special target. */
@InputType({ description: "A milestone’s own fields (not used in the schema by itself)." })
export class MilestoneFields {
  @Field(() => Int, { description: 'Order within the special target, from 1.' }) @Seq()
  seq!: number;

  @Field(() => String, { description: 'The aim exactly as the special target’s content words it (it must occur there), e.g. 力争五年内上市(挂牌)企业总数达150家以上.' }) @RequiredText('text', 300)
  text!: string;

  @Field(() => String, { description: 'What is counted, e.g. 上市(挂牌)企业总数.' }) @RequiredText('name', 200)
  name!: string;

  @Field(() => Float) @BoundedNumber('value', TARGET_VALUE_RULE)
  value!: number;

  @Field(() => String, { description: 'The unit as written, e.g. 家, 万名, 亿元, %.' }) @RequiredText('unit', 50)
  unit!: string;

  @Field(() => Int, { nullable: true, description: '2020 when absent.' }) @IsOptional() @Year('year')
  year?: number;

  @Field(() => Boolean, { nullable: true, description: 'A five-year total (累计, 新增 over the period); false when absent.' }) @IsOptional() @IsBoolean()
  cumulative?: boolean;
}

@InputType({ description: 'A numeric aim of a special target, transcribed by the evaluation office (ADMIN).' })
export class MilestoneInput extends MilestoneFields {
  @Field(() => ID, { description: 'The special target whose content holds the aim.' }) @IsString() @MaxLength(20)
  specialTargetId!: string;
}

@InputType({ description: 'Only the fields given change.' })
export class MilestonePatch {
  @Field(() => Int, { nullable: true }) @IsOptional() @Seq()
  seq?: number;

  @Field(() => String, { nullable: true, description: 'Must occur in the special target’s content.' }) @OptionalText('text', 300)
  text?: string;

  @Field(() => String, { nullable: true }) @OptionalText('name', 200)
  name?: string;

  @Field(() => Float, { nullable: true }) @IsOptional() @BoundedNumber('value', TARGET_VALUE_RULE)
  value?: number;

  @Field(() => String, { nullable: true }) @OptionalText('unit', 50)
  unit?: string;

  @Field(() => Int, { nullable: true }) @IsOptional() @Year('year')
  year?: number;

  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean()
  cumulative?: boolean;
}

@InputType({ description: 'Milestones of one plan, or of one special target.' })
export class MilestoneFilter {
  @Field(() => String, { nullable: true, description: 'Plan code; every plan when absent.' }) @IsOptional() @IsString() @MaxLength(64)
  planCode?: string | null;

  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() @MaxLength(20)
  specialTargetId?: string | null;
}
