import { Field, InputType, ObjectType } from 'type-graphql';
import { IsOptional, Length, Matches } from 'class-validator';
import { DatasetLinkToken } from './dataset.entity';
import { FreeText } from '../common/text';

@InputType({ description: 'A dataset to create or replace, found by name.' })
export class DatasetInput {
  @Field(() => String, { description: 'URL-safe: lower-case letters, digits and -, starting with a letter or digit.' })
  @Matches(/^[a-z0-9][a-z0-9-]{0,79}$/, { message: 'name must be lower-case letters, digits and - (at most 80), e.g. binding-indicators' })
  name!: string;

  @Field(() => String)
  @Length(1, 200, { message: 'title must be 1 to 200 characters' })
  title!: string;

  @Field(() => String, { description: 'One GraphQL query operation.' })
  @FreeText()
  @Length(1, 20000, { message: 'query must be 1 to 20,000 characters' })
  query!: string;

  @Field(() => String, { nullable: true, description: 'Default variables as a JSON object (default {}).' })
  @FreeText()
  @IsOptional()
  variables?: string | null;

  @Field(() => String, { nullable: true, description: 'Column labels by path as a JSON object; empty: the fields’ Chinese labels.' })
  @FreeText()
  @IsOptional()
  columnLabels?: string | null;
}

@ObjectType({ description: 'A new link token: `secret` is shown this once.' })
export class CreatedDatasetLinkToken {
  @Field(() => String, { description: 'Put it in the link as ?token=…; it is not stored and cannot be shown again.' })
  secret!: string;

  @Field(() => DatasetLinkToken)
  linkToken!: DatasetLinkToken;
}
