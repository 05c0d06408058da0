/** The ORM's SQL types, from MikroORM's SQL package (its knex layer), named once here. */
export type { QueryBuilder, SqlEntityManager } from '@mikro-orm/knex';
