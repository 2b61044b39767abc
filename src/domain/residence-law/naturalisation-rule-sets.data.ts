import type { CalendarDate } from '../time/calendar-date.value';
import { versionInForce, type Versioned } from './versioned.data';

/** A minimum lawful residence before naturalisation (§ 10 StAG), and what earns it. */
export interface WaitingPeriod {
  readonly years: number;
  readonly condition: string | null;
}

export interface NaturalisationRuleSet extends Versioned {
  readonly source: string;
  /** Longest (the rule) first, then the reductions. */
  readonly waitingPeriods: readonly WaitingPeriod[];
}

export const NATURALISATION_RULE_SETS: readonly NaturalisationRuleSet[] = [
  {
    version: '2007-08-28',
    validFrom: '2007-08-28',
    source: '§ 10 StAG in der Fassung des Richtlinienumsetzungsgesetzes 2007',
    waitingPeriods: [
      { years: 8, condition: null },
      { years: 7, condition: 'erfolgreiche Teilnahme an einem Integrationskurs' },
      { years: 6, condition: 'besondere Integrationsleistungen' },
    ],
  },
  {
    version: '2024-06-27',
    validFrom: '2024-06-27',
    source: 'Gesetz zur Modernisierung des Staatsangehörigkeitsrechts, in Kraft seit 27. Juni 2024',
    waitingPeriods: [
      { years: 5, condition: null },
      { years: 3, condition: 'besondere Integrationsleistungen, u. a. Sprachkenntnisse auf Niveau C1' },
    ],
  },
];

export function naturalisationRulesOn(date: CalendarDate, ruleSets = NATURALISATION_RULE_SETS): NaturalisationRuleSet | null {
  return versionInForce(ruleSets, date);
}
