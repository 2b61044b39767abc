/** The DGCC process model: clarification and intake, assessment, planning, linking and monitoring, closure. */
export const CASE_PHASE_LABELS = {
  intake: 'Klärung und Fallaufnahme',
  assessment: 'Assessment / Bedarfsermittlung',
  planning: 'Hilfeplanung',
  implementation: 'Umsetzung und Monitoring',
  closed: 'Abgeschlossen',
} as const;

export type CasePhase = keyof typeof CASE_PHASE_LABELS;
/** Phases a case manager may move an open case into; closing and reopening have their own commands. */
export type WorkingPhase = Exclude<CasePhase, 'closed'>;
export const WORKING_PHASES: readonly WorkingPhase[] = ['intake', 'assessment', 'planning', 'implementation'];

/** What moves a phase on its own; `manual` is the case manager's explicit choice. */
export type PhaseTrigger = 'needs_assessed' | 'goal_agreed' | 'referral_made' | 'counselling_session_held' | 'manual';
export type AutomaticPhaseTrigger = Exclude<PhaseTrigger, 'manual'>;

/**
 * The phase each kind of work moves a case into, and from which phases. Work never moves a case backwards:
 * an assessment during implementation is a re-assessment, not a step back.
 */
const ADVANCES: Record<AutomaticPhaseTrigger, { from: readonly WorkingPhase[]; to: WorkingPhase }> = {
  needs_assessed: { from: ['intake'], to: 'assessment' },
  goal_agreed: { from: ['intake', 'assessment'], to: 'planning' },
  // "first referral or session after a plan": before a plan exists they are part of clarification.
  referral_made: { from: ['planning'], to: 'implementation' },
  counselling_session_held: { from: ['planning'], to: 'implementation' },
};

/** The phase `trigger` moves a case in `current` into, or null when it stays. */
export function automaticPhaseAfter(current: CasePhase, trigger: AutomaticPhaseTrigger): WorkingPhase | null {
  const advance = ADVANCES[trigger];
  return (advance.from as readonly CasePhase[]).includes(current) ? advance.to : null;
}
