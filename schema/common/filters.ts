import { ArrayMaxSize, IsOptional, IsString, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ResponsibilityRole } from '../responsibilities/responsibility.enums';

/** What every plan-table filter has: plan, department (+ role) and free-text search. */
@InputType()
export abstract class ItemFilter {
  @Field(() => String, { nullable: true, description: 'Code, canonical name or any alias of a department holding a responsibility.' })
  @IsOptional() @IsString() @MaxLength(200)
  department?: string;

  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the row’s texts; % and _ are literal.' })
  @IsOptional() @IsString() @MaxLength(200)
  search?: string;

  @Field(() => String, { nullable: true, description: 'Plan code; all plans when absent.' })
  @IsOptional() @IsString() @MaxLength(64)
  planCode?: string;

  @Field(() => [ID], { nullable: true, description: 'Only these rows (at most 1,000 ids): what a grid reads again when rowsChanged names them.' })
  @IsOptional() @ArrayMaxSize(1000)
  ids?: string[];
}

@InputType()
export abstract class RoleItemFilter extends ItemFilter {
  @Field(() => ResponsibilityRole, { nullable: true, description: 'With department: only where it holds this role.' })
  @IsOptional()
  role?: ResponsibilityRole;
}
