import type { Em } from '../orm';

export type Engine = 'sqlite' | 'postgresql';

/** The engine behind an EntityManager, from its SQL dialect (never from a class name). */
export function engineOf(em: Em): Engine {
  const dialect = (em.getKnex() as unknown as { client: { dialect: string } }).client.dialect;
  return dialect === 'postgresql' ? 'postgresql' : 'sqlite';
}
