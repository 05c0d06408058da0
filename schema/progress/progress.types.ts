import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ProgressStatus } from './progress.enums';

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
