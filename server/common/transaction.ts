import type { Em } from '../orm';

/**
 * Runs `fn` in one transaction on this request's EntityManager and flushes before committing.
 * Inside an outer transaction (e.g. a whole import) it joins that one, so the outer caller decides.
 * On failure the identity map is cleared, so nothing half-assigned is flushed later.
 */
export async function inTransaction<T>(em: Em, fn: () => Promise<T>): Promise<T> {
  if (em.isInTransaction()) {
    const result = await fn();
    await em.flush();
    return result;
  }
  await em.begin();
  try {
    const result = await fn();
    await em.commit();
    return result;
  } catch (error) {
    await em.rollback();
    em.clear();
    throw error;
  }
}
