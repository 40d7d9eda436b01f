import { CONNECT_TIMEOUT_MESSAGE, POOL_TIMEOUT_MESSAGE } from '../../../src/platform/database/pool';
import { QueryRunnerAlreadyReleasedError } from 'typeorm';
import { isDatabaseUnavailable, isPoolExhausted } from '../../../src/platform/http-errors/all-exceptions.filter';

/** A database too busy to hand out a connection is answered 503, never 500 (the two node-postgres messages). */
describe('isPoolExhausted', () => {
  it('recognises the pool acquire timeout and a connection that timed out while opening', () => {
    expect(isPoolExhausted(new Error(POOL_TIMEOUT_MESSAGE))).toBe(true);
    expect(isPoolExhausted(new Error(CONNECT_TIMEOUT_MESSAGE, { cause: new Error('Connection terminated unexpectedly') }))).toBe(true);
    // wrapped (as an ORM may do)
    expect(isPoolExhausted(new Error('Query failed', { cause: new Error(CONNECT_TIMEOUT_MESSAGE) }))).toBe(true);
  });
  it('does not take other errors for a busy database', () => {
    expect(isPoolExhausted(new Error('duplicate key value violates unique constraint'))).toBe(false);
    expect(isPoolExhausted('timeout exceeded when trying to connect')).toBe(false);
    expect(isPoolExhausted(null)).toBe(false);
  });
});

describe('isDatabaseUnavailable', () => {
  it('knows the COMMIT on a connection the server dropped mid-transaction (TypeORM) and pg socket errors', () => {
    expect(isDatabaseUnavailable(new QueryRunnerAlreadyReleasedError())).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Query failed', { cause: new Error('Connection terminated unexpectedly') }))).toBe(true);
  });

  it('does not take a request fault for an outage', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
  });
});
