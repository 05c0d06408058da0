/**
 * What a graphql-ws subscription delivered, in order, for the live and presence tests: `push` each
 * message, `fail` on an error, and `next(match, ms)` resolves with the first message not yet taken
 * that matches, or rejects on an error or after `ms`.
 */
export interface SubscriptionQueue<T> {
  items: T[];
  errors: unknown[];
  push(item: T): void;
  fail(error: unknown): void;
  next(match?: (item: T) => boolean, ms?: number): Promise<T>;
}

export function subscriptionQueue<T>(what: string, defaultMs: number): SubscriptionQueue<T> {
  const items: T[] = [];
  const errors: unknown[] = [];
  const waiters = new Set<() => void>();
  let taken = 0;
  const wake = () => {
    for (const w of waiters) w();
  };
  return {
    items,
    errors,
    push(item) {
      items.push(item);
      wake();
    },
    fail(error) {
      errors.push(error);
      wake();
    },
    next(match = () => true, ms = defaultMs) {
      return new Promise<T>((resolve, reject) => {
        const done = () => {
          waiters.delete(look);
          clearTimeout(timer);
        };
        const look = () => {
          while (taken < items.length) {
            const item = items[taken++];
            if (match(item)) {
              done();
              resolve(item);
              return;
            }
          }
          if (errors.length) {
            done();
            reject(new Error(`${what} failed: ${String((errors[0] as { reason?: string })?.reason ?? JSON.stringify(errors))}`));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(look);
          reject(new Error(`no matching ${what} within ${ms} ms; got ${JSON.stringify(items)}`));
        }, ms);
        waiters.add(look);
        look();
      });
    },
  };
}
