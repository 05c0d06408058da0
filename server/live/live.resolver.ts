import { Arg, Resolver, Root, Subscription, type PubSub } from 'type-graphql';
import { LiveTable, RowsChanged } from '../../schema/live/live.types';
import type { Context } from '../context';
import type { LiveHub } from './hub';

/** A subscription's context (server/live/server.ts): who the connection stands for, and this process's hub. */
export interface LiveContext extends Context {
  live?: LiveHub;
}

/** type-graphql requires a PubSub once a schema has a subscription; ours reads the change log instead (LiveHub), so this one is never used. */
export const LIVE_PUBSUB: PubSub = {
  publish: () => {
    throw new Error('live changes come from the database change log, not from publish()');
  },
  subscribe: () => {
    throw new Error('rowsChanged subscribes through LiveHub');
  },
};

@Resolver()
export class LiveResolver {
  @Subscription(() => RowsChanged, {
    description:
      'Committed changes of `table` (of one plan with `planCode`), filtered by what the subscriber may read; over GraphQL over WebSocket (graphql-ws) at /graphql. ' +
      '`since`: a generation seen before (after a reconnect): first what changed after it, or `reload`.',
    subscribe: ({ args, context }) => {
      const { live, actor } = context as LiveContext;
      if (!live) throw new Error('rowsChanged is served over WebSocket (graphql-ws) at /graphql');
      return live.open(args.table as LiveTable, actor, (args.planCode as string | null) ?? null, (args.since as string | null) ?? null);
    },
  })
  rowsChanged(
    @Root() message: RowsChanged,
    @Arg('table', () => LiveTable) _table: LiveTable,
    @Arg('planCode', () => String, { nullable: true }) _planCode?: string | null,
    @Arg('since', () => String, { nullable: true }) _since?: string | null,
  ): RowsChanged {
    return message;
  }
}
