/** Text of node-postgres' pool acquire-timeout error: the HTTP layer answers it with a 503. */
export const POOL_TIMEOUT_MESSAGE = 'timeout exceeded when trying to connect';

/**
 * node-postgres' answer when a new physical connection could not be opened within the acquire
 * timeout (a server too busy to finish the handshake in time): the same condition for a client, a
 * busy database, so it is answered 503 too, never 500.
 */
export const CONNECT_TIMEOUT_MESSAGE = 'Connection terminated due to connection timeout';
