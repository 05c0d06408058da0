import type { Em, Orm } from './orm';
import { createServices, type Services } from './services';
import { createLoaders, type Loaders } from './common/loaders';

export interface Context {
  em: Em;
  services: Services;
  loaders: Loaders;
}

/** One EntityManager fork per request, with its own services and batch loaders. */
export function createContext(orm: Orm): Context {
  const em = orm.em.fork() as Em;
  return { em, services: createServices(em), loaders: createLoaders(em) };
}
