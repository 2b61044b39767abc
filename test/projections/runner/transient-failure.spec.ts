import { EventStoreUnavailableError } from '../../../src/application/ports/event-store.errors';
import { describeFailure, isTransientFailure } from '../../../src/projections/runner/transient-failure';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('telling an outage from a projection bug', () => {
  it.each([
    ['the store said so', new EventStoreUnavailableError('down')],
    ['connection failure', withCode('terminating connection due to administrator command', '57P01')],
    ['connection exception class', withCode('connection failure', '08006')],
    ['deadlock', withCode('deadlock detected', '40P01')],
    ['serialization failure', withCode('could not serialize access', '40001')],
    ['socket reset', withCode('read ECONNRESET', 'ECONNRESET')],
    ['connection ended by pg', new Error('Connection terminated unexpectedly')],
  ])('retries quietly after %s', (_case, error) => {
    expect(isTransientFailure(error)).toBe(true);
  });

  it.each([
    ['a thrown projection error', new Error('cannot handle Poison')],
    ['a unique violation', withCode('duplicate key value violates unique constraint "x"', '23505')],
    ['a missing table', withCode('relation "x" does not exist', '42P01')],
    ['something that is not an error', 'oops'],
  ])('stops on %s', (_case, error) => {
    expect(isTransientFailure(error)).toBe(false);
  });

  it('describes a failure without the driver detail, which may quote row values', () => {
    const error = Object.assign(new Error('duplicate key value'), { code: '23505', detail: 'Key (name)=(Amira Haddad) already exists.' });
    expect(describeFailure(error)).toEqual({ name: 'Error', message: 'duplicate key value', code: '23505' });
    expect(JSON.stringify(describeFailure(error))).not.toContain('Amira');
  });
});
