/** Text of node-postgres' pool acquire-timeout error: the HTTP layer answers it with a 503. */
export const POOL_TIMEOUT_MESSAGE = 'timeout exceeded when trying to connect';
