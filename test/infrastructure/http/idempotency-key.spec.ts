import { commandIdFor, derivedIdFor, idempotencyKeyFrom, requestHash } from '../../../src/infrastructure/http/idempotency-key';
import { RequestValidationError } from '../../../src/infrastructure/http/request-validation';

describe('Idempotency-Key', () => {
  it('accepts 1 to 200 printable ASCII characters, and no key at all', () => {
    expect(idempotencyKeyFrom(undefined)).toBeNull();
    expect(idempotencyKeyFrom('a')).toBe('a');
    expect(idempotencyKeyFrom('x'.repeat(200))).toBe('x'.repeat(200));
    expect(idempotencyKeyFrom('order 7: "retry" ~!')).toBe('order 7: "retry" ~!');
  });

  it.each([[''], ['x'.repeat(201)], ['tab\there'], ['umlaut-ä'], [['a', 'b']]])('refuses %j with a problem naming the header', (header) => {
    expect(() => idempotencyKeyFrom(header as string)).toThrow(RequestValidationError);
    try {
      idempotencyKeyFrom(header as string);
    } catch (error) {
      expect((error as RequestValidationError).problems).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
    }
  });

  it('derives the command id from account and key: stable, and different per account and per key', () => {
    const id = commandIdFor('user-1', 'k-1');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(commandIdFor('user-1', 'k-1')).toBe(id);
    expect(commandIdFor('user-2', 'k-1')).not.toBe(id);
    expect(commandIdFor('user-1', 'k-2')).not.toBe(id);
    // The separator keeps ("user-1", "2k") and ("user-12", "k") apart.
    expect(commandIdFor('user-1', '2k')).not.toBe(commandIdFor('user-12', 'k'));
    expect(derivedIdFor(id, 'caseId')).toBe(derivedIdFor(id, 'caseId'));
    expect(derivedIdFor(id, 'caseId')).not.toBe(derivedIdFor(id, 'clientId'));
  });

  it('hashes method, path and body; key order and spacing of the body do not matter', () => {
    const hash = requestHash('POST', '/api/cases/c-1/goals', { lifeArea: 'language', text: 'B1' });
    expect(requestHash('post', '/api/cases/c-1/goals', { text: 'B1', lifeArea: 'language' })).toBe(hash);
    expect(requestHash('POST', '/api/cases/c-2/goals', { lifeArea: 'language', text: 'B1' })).not.toBe(hash);
    expect(requestHash('POST', '/api/cases/c-1/goals', { lifeArea: 'language', text: 'B2' })).not.toBe(hash);
  });
});
