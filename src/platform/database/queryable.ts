import type { EntityManager } from 'typeorm';

/**
 * Anything that runs SQL: the pool's DataSource, or a transaction's EntityManager. Repository
 * methods that run inside a transaction take the transaction's manager, never the pool.
 */
export type Queryable = Pick<EntityManager, 'query'>;
