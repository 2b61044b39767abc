import * as errors from '../../../src/domain/case/case.errors';
import { DomainRuleViolation } from '../../../src/domain/case/case.errors';

type AnyViolationClass = new (...args: string[]) => DomainRuleViolation;

const violationClasses = (Object.values(errors) as unknown[]).filter(
  (value): value is AnyViolationClass => typeof value === 'function' && value.prototype instanceof DomainRuleViolation,
);
const instances = violationClasses.map((ViolationClass) => new ViolationClass('data.field', 'data.other'));

describe('domain rule violations', () => {
  it('have distinct, stable snake_case codes', () => {
    const codes = instances.map((error) => error.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it('name their class, are Errors, and say how the edge should answer', () => {
    for (const error of instances) {
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe(error.constructor.name);
      expect(['forbidden', 'not_found', 'conflict', 'invalid']).toContain(error.kind);
    }
  });

  it('carry a German sentence for the interface, and nothing passed in', () => {
    for (const error of instances) {
      expect(error.message).toMatch(/^[A-ZÄÖÜ].*[.]$/);
      expect(error.message).not.toContain('data.');
    }
  });

  it('include the codes the other layers rely on', () => {
    expect(instances.map((error) => error.code)).toEqual(
      expect.arrayContaining([
        'consent_required',
        'case_closed',
        'referral_not_open',
        'date_in_future',
        'date_before_opening',
        'valid_until_before_valid_from',
        'legal_status_unchanged',
        'status_after_naturalisation',
        'not_in_organisation_unit',
        'role_not_permitted',
        'reason_required',
        'case_already_opened',
        'case_not_found',
      ]),
    );
  });
});
