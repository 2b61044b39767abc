import { naturalisationRulesOn } from '../../../src/domain/residence-law/naturalisation-rule-sets.data';

describe('naturalisation waiting periods', () => {
  it('were 8 years (7 or 6 with reductions) before 27 June 2024', () => {
    expect(naturalisationRulesOn('2024-06-26')?.waitingPeriods.map((period) => period.years)).toEqual([8, 7, 6]);
  });

  it('are 5 years, or 3 with special integration achievements, since 27 June 2024', () => {
    expect(naturalisationRulesOn('2024-06-27')?.waitingPeriods.map((period) => period.years)).toEqual([5, 3]);
    expect(naturalisationRulesOn('2026-01-01')?.version).toBe('2024-06-27');
  });

  it('has no answer before the first modelled version', () => {
    expect(naturalisationRulesOn('2007-08-27')).toBeNull();
  });
});
