import { permitValidity } from '../../../src/domain/residence-law/permit-validity.policy';

describe('permitValidity', () => {
  const today = '2025-03-10';

  it.each([
    ['unlimited', { validFrom: '2020-01-01', validUntil: null }, 'unlimited'],
    ['not yet valid', { validFrom: '2025-04-01', validUntil: '2026-04-01' }, 'not_yet_valid'],
    ['valid beyond 90 days', { validFrom: null, validUntil: '2025-06-09' }, 'valid'],
    ['expiring in exactly 90 days', { validFrom: null, validUntil: '2025-06-08' }, 'expiring_soon'],
    ['expiring today', { validFrom: null, validUntil: today }, 'expiring_soon'],
    ['expired yesterday', { validFrom: null, validUntil: '2025-03-09' }, 'expired'],
  ] as const)('%s', (_label, status, expected) => {
    expect(permitValidity(status, today)).toBe(expected);
  });

  it('takes another warning period', () => {
    expect(permitValidity({ validFrom: null, validUntil: '2025-04-15' }, today, 30)).toBe('valid');
  });
});
