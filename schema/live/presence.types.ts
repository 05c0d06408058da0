import { Field, ID, ObjectType } from 'type-graphql';
import { Role } from '../accounts/account.enums';

@ObjectType({
  description:
    'Someone else who has the same live table open (a grid on a page), with the row they are editing. ' +
    'Only signed-in people are listed; one entry per open grid (a person with two tabs is listed twice, with one `key` each).',
})
export class PresenceEntry {
  @Field(() => ID, { description: 'Stable while that grid stays open.' })
  key!: string;

  @Field(() => String)
  username!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => String, { nullable: true, description: 'Their department (EDITORs), in Chinese.' })
  department!: string | null;

  @Field(() => String, { nullable: true, description: 'Their department in English.' })
  departmentEn!: string | null;

  @Field(() => Date, { description: 'When they opened the table.' })
  since!: Date;

  @Field(() => ID, { nullable: true, description: 'The row whose cell they are editing now; null when none (or a ledger entry the subscriber may not read).' })
  rowId!: string | null;

  @Field(() => Date, { nullable: true, description: 'Since when they have been editing `rowId`.' })
  editingSince!: Date | null;
}
