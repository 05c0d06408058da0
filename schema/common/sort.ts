import { Field, InputType, registerEnumType } from 'type-graphql';
import { IsIn, IsOptional, IsString } from 'class-validator';

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection' });

@InputType({ description: 'One sort key. `field` is a field name of the listed type, e.g. seq, name, updatedAt.' })
export class OrderBy {
  @Field(() => String)
  @IsString()
  field!: string;

  @Field(() => SortDirection, { nullable: true, defaultValue: SortDirection.ASC })
  @IsOptional()
  @IsIn(Object.values(SortDirection))
  direction?: SortDirection;
}

/** Page-size rules shared by every list, enforced in the services. */
export const PAGE = { defaultLimit: 100, maxLimit: 1000 } as const;
