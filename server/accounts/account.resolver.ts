import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { User } from '../../schema/accounts/user.entity';
import { Credential } from '../../schema/accounts/credential.entity';
import { CreateApiTokenInput, CreateUserInput, NewApiToken, Session, UpdateUserInput } from '../../schema/accounts/account.inputs';
import { Department } from '../../schema/departments/department.entity';
import type { Context } from '../context';

export const SESSION_COOKIE = 'planhub_session';

@Resolver(() => User)
export class AccountResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in user, or null.' })
  me(@Ctx() ctx: Context): Promise<User | null> {
    return ctx.services.accounts.me(ctx.actor);
  }

  @Query(() => [User], { description: 'ADMIN only.' })
  users(@Ctx() ctx: Context): Promise<User[]> {
    return ctx.services.accounts.users();
  }

  @Mutation(() => Session, { description: 'Signs in. The token works as Authorization: Bearer <token>; browsers also get it as an httpOnly, SameSite cookie.' })
  async login(@Arg('username', () => String) username: string, @Arg('password', () => String) password: string, @Ctx() ctx: Context): Promise<Session> {
    const session = await ctx.services.accounts.login(username, password, ctx.http?.address ?? 'local');
    ctx.http?.setCookie(SESSION_COOKIE, session.token, session.expiresAt);
    return session;
  }

  @Mutation(() => Boolean, { description: 'Revokes the session this request was made with.' })
  async logout(@Ctx() ctx: Context): Promise<boolean> {
    ctx.http?.setCookie(SESSION_COOKIE, '', new Date(0));
    return ctx.services.accounts.logout(ctx.credential);
  }

  @Mutation(() => User, { description: 'ADMIN only.' })
  createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: Context): Promise<User> {
    return ctx.services.accounts.createUser(input);
  }

  @Mutation(() => User, { description: 'ADMIN only. Changing role, department, password or disabling ends the user’s sessions.' })
  updateUser(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateUserInput) input: UpdateUserInput, @Ctx() ctx: Context): Promise<User> {
    return ctx.services.accounts.updateUser(id, input);
  }

  @Query(() => [Credential], { description: 'ADMIN only: the read-only API tokens, newest first (never their secrets).' })
  apiTokens(@Ctx() ctx: Context): Promise<Credential[]> {
    return ctx.services.accounts.apiTokens();
  }

  @Mutation(() => NewApiToken, { description: 'ADMIN only: a read-only token for a BI tool. The secret is shown once.' })
  createApiToken(@Arg('input', () => CreateApiTokenInput) input: CreateApiTokenInput, @Ctx() ctx: Context): Promise<NewApiToken> {
    return ctx.services.accounts.createApiToken(input, ctx.actor);
  }

  @Mutation(() => Boolean, { description: 'ADMIN only.' })
  revokeApiToken(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.services.accounts.revokeApiToken(id);
  }

  @FieldResolver(() => Department, { nullable: true, description: 'The department an EDITOR works for; null for ADMIN and VIEWER.' })
  async department(@Root() user: User, @Ctx() ctx: Context): Promise<Department | null> {
    return user.department ? ctx.loaders.department.load(user.department.id) : null;
  }
}
