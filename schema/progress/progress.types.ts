import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ProgressStatus {
  ACHIEVED = 'ACHIEVED',
  MISSED = 'MISSED',
  ON_TRACK = 'ON_TRACK',
  AT_RISK = 'AT_RISK',
  OFF_TRACK = 'OFF_TRACK',
  NO_DATA = 'NO_DATA',
}
registerEnumType(ProgressStatus, {
  name: 'ProgressStatus',
  description: 'ACHIEVED / MISSED once the year’s value is approved; ON_TRACK / AT_RISK (short by at most the tolerance, 5 %) / OFF_TRACK from the year’s approved months or quarters; NO_DATA when nothing is approved or an input is missing (the explanation says which).',
});

@ObjectType({ description: 'An indicator’s completion in one year, with the values used and an explanation a person can check.' })
export class Progress {
  @Field(() => Int)
  year!: number;

  @Field(() => ProgressStatus)
  status!: ProgressStatus;

  @Field(() => Float, { nullable: true, description: 'Completion degree: actual / target (at most: target / actual); 1 is exactly on target.' })
  ratio!: number | null;

  @Field(() => Float, { nullable: true, description: 'The actual value judged (cumulative indicators: the running sum).' })
  actualValue!: number | null;

  @Field(() => Float, { nullable: true, description: 'The target it was judged against (pro-rated during the year; cumulative: the running sum).' })
  targetValue!: number | null;

  @Field(() => Boolean, { description: 'true: judged from month or quarter values during the year.' })
  provisional!: boolean;

  @Field(() => String)
  explanation!: string;
}
