import { Arg, Ctx, ID, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import { LiveTable } from '../../schema/live/live.types';
import { PresenceEntry } from '../../schema/live/presence.types';
import { badInput } from '../errors';
import type { LiveContext } from './live.resolver';
import type { PresenceHub } from './presence';

/** A WebSocket operation's context (server/live/server.ts) with presence: this process's hub and the connection the operation came on. */
export interface PresenceContext extends LiveContext {
  presence?: PresenceHub;
  connection?: object;
}

@Resolver()
export class PresenceResolver {
  @Subscription(() => [PresenceEntry], {
    description:
      'Who else has `table` open (of one plan with `planCode`), with the row each is editing: the list at once, then again whenever it changes. ' +
      'Subscribing announces you (when signed in) until the subscription or its WebSocket ends; mark the row you edit with setEditing on the same WebSocket.',
    subscribe: ({ args, context }) => {
      const { presence, actor, connection } = context as PresenceContext;
      if (!presence || !connection) throw badInput('presence', 'presence is served over WebSocket (graphql-ws) at /graphql');
      return presence.open(args.table as LiveTable, actor, (args.planCode as string | null) ?? null, connection);
    },
  })
  presence(
    @Root() entries: PresenceEntry[],
    @Arg('table', () => LiveTable) _table: LiveTable,
    @Arg('planCode', () => String, { nullable: true }) _planCode?: string | null,
  ): PresenceEntry[] {
    return entries;
  }

  @Mutation(() => Boolean, {
    description:
      'Shows the others on `table` (presence) that you are editing row `rowId`; null: you left the cell. Renew it while the editor stays open: ' +
      'a mark not renewed within LIVE_PRESENCE_EDIT_MS (60 s) goes by itself. Sent over the WebSocket that holds your presence subscription (the only mutation served there).',
  })
  setEditing(
    @Arg('table', () => LiveTable) table: LiveTable,
    @Arg('planCode', () => String, { nullable: true }) planCode: string | null | undefined,
    @Arg('rowId', () => ID, { nullable: true }) rowId: string | null | undefined,
    @Ctx() context: PresenceContext,
  ): Promise<boolean> {
    const { presence, connection, actor } = context;
    if (!presence || !connection) throw badInput('setEditing', 'setEditing is sent over the WebSocket (graphql-ws at /graphql) that holds your presence subscription');
    return presence.setEditing(connection, actor, table, planCode ?? null, rowId ?? null);
  }
}
