import { JURISDICTION_RULE_SETS } from '../../../src/domain/residence-law/jurisdiction-rule-sets.data';
import { LEGAL_BASIS_CODES } from '../../../src/domain/residence-law/residence-status.taxonomy';
import { matchesStatus, TYPICAL_STATUS_TRANSITIONS, typicalTransitionsFrom, type StatusPattern } from '../../../src/domain/residence-law/status-transitions.data';
import { ruleFor } from '../../../src/domain/residence-law/typical-jurisdiction.lookup';

const basesMatching = (pattern: StatusPattern) => LEGAL_BASIS_CODES.filter((basis) => matchesStatus(pattern, basis));
const jurisdictionsOf = (basis: (typeof LEGAL_BASIS_CODES)[number]) =>
  new Set(JURISDICTION_RULE_SETS.flatMap((set) => ruleFor(set, basis)?.stages.flatMap((stage) => stage.options.map((o) => o.jurisdiction)) ?? []));

describe('typical status transitions', () => {
  it('have distinct ids and match real statuses at both ends', () => {
    const ids = TYPICAL_STATUS_TRANSITIONS.map((transition) => transition.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const transition of TYPICAL_STATUS_TRANSITIONS) {
      expect(basesMatching(transition.from).length).toBeGreaterThan(0);
      if (transition.to !== 'same_status') for (const target of transition.to) expect(basesMatching(target).length).toBeGreaterThan(0);
    }
  });

  it('cover the paths of residence-law.md', () => {
    const targets = (basis: (typeof LEGAL_BASIS_CODES)[number]) =>
      typicalTransitionsFrom(basis).flatMap((transition) => (transition.to === 'same_status' ? [basis] : transition.to.flatMap(basesMatching)));
    expect(targets('asylg_55')).toEqual(expect.arrayContaining(['aufenthg_25_1', 'aufenthg_25_2']));
    expect(targets('aufenthg_60a')).toEqual(expect.arrayContaining(['aufenthg_60c', 'aufenthg_60d', 'aufenthg_104c']));
    expect(targets('aufenthg_104c')).toEqual(expect.arrayContaining(['aufenthg_25a', 'aufenthg_25b']));
    expect(targets('aufenthg_25b')).toEqual(expect.arrayContaining(['stag_10', 'stag_8']));
    expect(typicalTransitionsFrom('aufenthg_24').map((transition) => transition.jurisdictionChange)).toContainEqual({
      from: 'asylblg',
      to: ['sgb_ii', 'sgb_xii'],
    });
    expect(typicalTransitionsFrom('aufenthg_25_5').map((transition) => transition.description)).toContainEqual(expect.stringMatching(/18 Monate/));
  });

  it('agree with the jurisdiction rules about the Rechtskreiswechsel they bring', () => {
    for (const transition of TYPICAL_STATUS_TRANSITIONS) {
      if (transition.jurisdictionChange === null) continue;
      const { from, to } = transition.jurisdictionChange;
      for (const basis of basesMatching(transition.from)) expect(jurisdictionsOf(basis)).toContain(from);
      const targets = transition.to === 'same_status' ? basesMatching(transition.from) : transition.to.flatMap(basesMatching);
      for (const basis of targets) for (const jurisdiction of to) expect(jurisdictionsOf(basis)).toContain(jurisdiction);
    }
  });
});
