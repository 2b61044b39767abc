import fc from 'fast-check';
import { JURISDICTION_RULE_SETS } from '../../../src/domain/residence-law/jurisdiction-rule-sets.data';
import { LEGAL_BASIS_CODES, type LegalBasis } from '../../../src/domain/residence-law/residence-status.taxonomy';
import { ruleFor, typicalJurisdiction } from '../../../src/domain/residence-law/typical-jurisdiction.lookup';
import { versionInForce } from '../../../src/domain/residence-law/versioned.data';
import { calendarDateOfEpochDay, epochDayOf } from '../../../src/domain/time/calendar-date.value';

const jurisdictions = (legalBasis: LegalBasis, statusStart: string, on: string) =>
  typicalJurisdiction({ legalBasis, statusStart, on })?.options.map((option) => option.jurisdiction);

const anyDate = fc.integer({ min: epochDayOf('2000-01-01'), max: epochDayOf('2040-12-31') }).map(calendarDateOfEpochDay);

describe('typical jurisdiction by residence status', () => {
  it('has a rule for every legal basis in every rule set', () => {
    for (const ruleSet of JURISDICTION_RULE_SETS) {
      for (const legalBasis of LEGAL_BASIS_CODES) expect(ruleFor(ruleSet, legalBasis)).not.toBeNull();
    }
  });

  it('has rule sets with distinct versions and start dates', () => {
    const starts = JURISDICTION_RULE_SETS.map((set) => set.validFrom);
    expect(new Set(starts).size).toBe(starts.length);
    expect(new Set(JURISDICTION_RULE_SETS.map((set) => set.version)).size).toBe(starts.length);
  });

  it('keeps asylum seekers and tolerated persons in the AsylbLG', () => {
    expect(jurisdictions('asylg_55', '2025-01-01', '2025-06-01')).toEqual(['asylblg']);
    expect(jurisdictions('aufenthg_60d', '2025-01-01', '2025-06-01')).toEqual(['asylblg']);
  });

  it('ends the AsylbLG with the month of recognition, then SGB II or XII', () => {
    expect(jurisdictions('aufenthg_25_2', '2025-03-07', '2025-03-31')).toEqual(['asylblg']);
    expect(jurisdictions('aufenthg_25_2', '2025-03-07', '2025-04-01')).toEqual(['sgb_ii', 'sgb_xii', 'bafoeg']);
    expect(typicalJurisdiction({ legalBasis: 'aufenthg_25_1', statusStart: '2025-03-07', on: '2025-04-01' })?.note).toContain('Rechtskreiswechsel');
  });

  it('moves § 24 holders from AsylbLG to SGB II / XII on 1 June 2022', () => {
    expect(jurisdictions('aufenthg_24', '2022-03-15', '2022-05-31')).toEqual(['asylblg']);
    expect(jurisdictions('aufenthg_24', '2022-03-15', '2022-06-01')).toEqual(['sgb_ii', 'sgb_xii']);
    expect(typicalJurisdiction({ legalBasis: 'aufenthg_24', statusStart: '2022-03-15', on: '2022-06-01' })?.ruleSetVersion).toBe('2022-06-01');
  });

  it('keeps § 25 (5) in the AsylbLG for 18 months after the decision', () => {
    expect(jurisdictions('aufenthg_25_5', '2024-01-15', '2025-07-14')).toEqual(['asylblg']);
    expect(jurisdictions('aufenthg_25_5', '2024-01-15', '2025-07-15')).toEqual(['sgb_ii', 'sgb_xii']);
  });

  it('gives EU citizens no SGB II in the first three months, nor when only seeking work', () => {
    expect(jurisdictions('freizuegg_eu_2', '2025-01-10', '2025-04-09')).toEqual(['none']);
    expect(jurisdictions('freizuegg_eu_2', '2025-01-10', '2025-04-10')).toEqual(['sgb_ii', 'none']);
    expect(jurisdictions('freizuegg_eu_4a', '2025-01-10', '2025-01-10')).toEqual(['sgb_ii', 'sgb_xii']);
  });

  it('cannot tell from an interim certificate alone', () => {
    const answer = typicalJurisdiction({ legalBasis: 'aufenthg_81_4', statusStart: '2025-01-01', on: '2025-02-01' });
    expect(answer?.options).toEqual([]);
    expect(answer?.note).toMatch(/Titel/);
  });

  it('has no answer before the status began or before the first rule set', () => {
    expect(typicalJurisdiction({ legalBasis: 'asylg_55', statusStart: '2025-03-01', on: '2025-02-28' })).toBeNull();
    expect(typicalJurisdiction({ legalBasis: 'asylg_55', statusStart: '2004-01-01', on: '2004-06-01' })).toBeNull();
  });

  it('answers from the rule set in force on the day asked about', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LEGAL_BASIS_CODES), anyDate, anyDate, (legalBasis, a, b) => {
        const [statusStart, on] = a <= b ? [a, b] : [b, a];
        const answer = typicalJurisdiction({ legalBasis, statusStart, on });
        expect(answer?.ruleSetVersion).toBe(versionInForce(JURISDICTION_RULE_SETS, on)?.version);
      }),
    );
  });
});

describe('versionInForce', () => {
  const versions = [
    { version: 'b', validFrom: '2020-01-01' },
    { version: 'a', validFrom: '2010-01-01' },
    { version: 'c', validFrom: '2030-01-01' },
  ];

  it('picks the latest version that has begun, whatever the order of the list', () => {
    expect(versionInForce(versions, '2009-12-31')).toBeNull();
    expect(versionInForce(versions, '2010-01-01')?.version).toBe('a');
    expect(versionInForce(versions, '2029-12-31')?.version).toBe('b');
    expect(versionInForce(versions, '2030-01-01')?.version).toBe('c');
  });
});
