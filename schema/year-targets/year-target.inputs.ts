import { IsBoolean, IsOptional } from 'class-validator';
import { Field, Float, InputType } from 'type-graphql';
import { BoundedNumber } from '../common/validators';
import { TARGET_VALUE_RULE } from '../common/number-rules';

@InputType({ description: 'A year target entered by hand (it is then kept when the inputs change); derived: true puts it back to the computed value.' })
export class YearTargetPatch {
  @Field(() => Float, { nullable: true }) @IsOptional() @BoundedNumber('targetValue', TARGET_VALUE_RULE)
  targetValue?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'true: recompute from the indicator’s inputs again (targetValue is then not given).' }) @IsOptional() @IsBoolean()
  derived?: boolean;
}
