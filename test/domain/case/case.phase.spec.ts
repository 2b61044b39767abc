import { automaticPhaseAfter, CASE_PHASE_LABELS, type AutomaticPhaseTrigger, type CasePhase } from '../../../src/domain/case/case.phase';

const PHASES = Object.keys(CASE_PHASE_LABELS) as CasePhase[];
const ORDER: Record<CasePhase, number> = { intake: 0, assessment: 1, planning: 2, implementation: 3, closed: 4 };
const TRIGGERS: AutomaticPhaseTrigger[] = ['needs_assessed', 'goal_agreed', 'referral_made', 'counselling_session_held'];

describe('automatic phase advances', () => {
  it.each([
    ['intake', 'needs_assessed', 'assessment'],
    ['intake', 'goal_agreed', 'planning'],
    ['assessment', 'goal_agreed', 'planning'],
    ['planning', 'referral_made', 'implementation'],
    ['planning', 'counselling_session_held', 'implementation'],
  ] as const)('from %s, %s moves to %s', (from, trigger, to) => {
    expect(automaticPhaseAfter(from, trigger)).toBe(to);
  });

  it.each([
    ['intake', 'counselling_session_held'],
    ['assessment', 'referral_made'],
    ['implementation', 'needs_assessed'],
    ['implementation', 'goal_agreed'],
    ['planning', 'needs_assessed'],
  ] as const)('from %s, %s leaves the phase', (from, trigger) => {
    expect(automaticPhaseAfter(from, trigger)).toBeNull();
  });

  it('only ever move forward and never touch a closed case', () => {
    for (const phase of PHASES) {
      for (const trigger of TRIGGERS) {
        const next = automaticPhaseAfter(phase, trigger);
        if (next !== null) expect(ORDER[next]).toBeGreaterThan(ORDER[phase]);
      }
    }
    expect(TRIGGERS.map((trigger) => automaticPhaseAfter('closed', trigger))).toEqual([null, null, null, null]);
  });
});
