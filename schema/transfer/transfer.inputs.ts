import { FreeText } from '../common/text';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { ContentEncoding, TransferFormat, TransferTable } from './transfer.enums';
import { OptionalText, RequiredText, Year } from '../common/validators';

@InputType({ description: 'A file to load. Run it with dryRun: true first to see every problem and every change; nothing is written then.' })
export class ImportInput {
  @Field(() => TransferTable)
  @IsIn(Object.values(TransferTable))
  table!: TransferTable;

  @Field(() => TransferFormat, { nullable: true, description: 'Read from the file name or the content when absent.' })
  @IsOptional() @IsIn(Object.values(TransferFormat))
  format?: TransferFormat | null;

  @Field(() => String, { description: 'The file: text for CSV and JSON, or base64 (see encoding; XLSX needs base64).' })
  @FreeText() @IsString()
  content!: string;

  @Field(() => ContentEncoding, { nullable: true, defaultValue: ContentEncoding.TEXT })
  @IsOptional() @IsIn(Object.values(ContentEncoding))
  encoding?: ContentEncoding;

  @Field(() => String, { nullable: true, description: 'The file’s name, for messages and format detection.' })
  @IsOptional() @IsString() @MaxLength(255)
  filename?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'Check and report only; writes nothing. True unless set to false.' })
  @IsOptional() @IsBoolean()
  dryRun?: boolean;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Also delete rows of the plan that the file does not have. Never the default.' })
  @IsOptional() @IsBoolean()
  deleteMissing?: boolean;

  @Field(() => String, { nullable: true, description: 'Plan to load into; the file’s 规划 column or the newest plan when absent.' })
  @IsOptional() @IsString() @MaxLength(64)
  planCode?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: 100, description: 'How many rows the result previews (0 to 1000).' })
  @IsOptional() @IsInt() @Min(0) @Max(1000)
  previewLimit?: number;
}

/**
 * A row of the plans table in a file. Plans have no GraphQL input yet; these are the checks a plan
 * row gets on import (PlanService.upsert adds endYear ≥ startYear).
 */
export class PlanRowInput {
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/, { message: 'code must be a lowercase slug (a-z, 0-9, -), 2 to 64 characters' })
  code!: string;

  @RequiredText('name', 500)
  name!: string;

  @RequiredText('nameEn', 500)
  nameEn!: string;

  @Year('startYear')
  startYear!: number;

  @Year('endYear')
  endYear!: number;

  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'publishedOn must be a date as YYYY-MM-DD' })
  publishedOn?: string | null;

  @OptionalText('source', 500)
  source?: string | null;
}
