import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { Role } from './account.enums';
import { User } from './user.entity';
import { Credential } from './credential.entity';

const USERNAME = /^[A-Za-z0-9._@-]{2,64}$/;
const USERNAME_MESSAGE = 'username must be 2 to 64 letters, digits or . _ @ -';

@InputType()
export class CreateUserInput {
  @Field(() => String) @Matches(USERNAME, { message: USERNAME_MESSAGE })
  username!: string;

  @Field(() => String) @IsString() @MinLength(10, { message: 'password must be at least 10 characters' }) @MaxLength(200)
  password!: string;

  @Field(() => Role) @IsIn(Object.values(Role))
  role!: Role;

  @Field(() => String, { nullable: true, description: 'Code, canonical name or alias; required for EDITOR.' })
  @IsOptional() @IsString() @MaxLength(200)
  department?: string | null;
}

@InputType()
export class UpdateUserInput {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MinLength(10, { message: 'password must be at least 10 characters' }) @MaxLength(200)
  password?: string;

  @Field(() => Role, { nullable: true }) @IsOptional() @IsIn(Object.values(Role))
  role?: Role;

  @Field(() => String, { nullable: true, description: 'Code, canonical name or alias; required for EDITOR.' })
  @IsOptional() @IsString() @MaxLength(200)
  department?: string | null;

  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean()
  disabled?: boolean;
}

@InputType()
export class CreateApiTokenInput {
  @Field(() => String) @IsString() @MinLength(1, { message: 'name must not be empty' }) @MaxLength(200)
  name!: string;

  @Field(() => Int, { nullable: true, description: 'Days until it expires; never when absent.' })
  @IsOptional() @IsInt() @Min(1, { message: 'expiresInDays must be 1 to 3650' }) @Max(3650, { message: 'expiresInDays must be 1 to 3650' })
  expiresInDays?: number | null;
}

@ObjectType()
export class Session {
  @Field(() => String, { description: 'Send as Authorization: Bearer <token>.' })
  token!: string;

  @Field(() => User)
  user!: User;

  @Field(() => Date)
  expiresAt!: Date;
}

@ObjectType({ description: 'A new API token: the secret is shown here once and never again.' })
export class NewApiToken {
  @Field(() => String, { description: 'Send as Authorization: Bearer <token>. Store it now; only its hash is kept.' })
  token!: string;

  @Field(() => Credential)
  apiToken!: Credential;
}
