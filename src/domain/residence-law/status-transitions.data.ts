import type { Jurisdiction } from './benefit-jurisdiction.vocabulary';
import { LEGAL_BASES, type LegalBasis, type ResidenceCategory } from './residence-status.taxonomy';

/** Matches a status by its legal bases or by its whole category. */
export type StatusPattern = { readonly legalBases: readonly LegalBasis[] } | { readonly category: ResidenceCategory };

/**
 * The usual paths a residence status takes (residence-law.md). Guidance for the case manager about what to
 * work towards; the decider does not restrict status changes to these paths, because real cases leave them.
 */
export interface StatusTransition {
  readonly id: string;
  readonly from: StatusPattern;
  /** `same_status` where the law moves the person to another jurisdiction without a new status. */
  readonly to: readonly StatusPattern[] | 'same_status';
  /** The Rechtskreiswechsel the transition brings, the moment the programme exists for. */
  readonly jurisdictionChange: { readonly from: Jurisdiction; readonly to: readonly Jurisdiction[] } | null;
  readonly description: string;
}

export const TYPICAL_STATUS_TRANSITIONS: readonly StatusTransition[] = [
  {
    id: 'asylum-recognition',
    from: { category: 'asylum_seeker' },
    to: [{ legalBases: ['aufenthg_25_1', 'aufenthg_25_2'] }],
    jurisdictionChange: { from: 'asylblg', to: ['sgb_ii', 'sgb_xii'] },
    description:
      'Anerkennung im Asylverfahren: Die Leistungen nach dem AsylbLG enden mit dem Monat der Anerkennung, ' +
      'danach SGB II oder SGB XII (Rechtskreiswechsel).',
  },
  {
    id: 'temporary-protection-basic-income',
    from: { legalBases: ['aufenthg_24'] },
    to: 'same_status',
    jurisdictionChange: { from: 'asylblg', to: ['sgb_ii', 'sgb_xii'] },
    description: 'Vorübergehender Schutz (§ 24): seit 1. Juni 2022 SGB II oder SGB XII statt AsylbLG, ohne Statuswechsel.',
  },
  {
    id: 'toleration-to-training-or-employment',
    from: { legalBases: ['aufenthg_60a'] },
    to: [{ legalBases: ['aufenthg_60c', 'aufenthg_60d', 'aufenthg_16g'] }],
    jurisdictionChange: null,
    description: 'Aus der Duldung in eine Ausbildungs- oder Beschäftigungsduldung oder eine Aufenthaltserlaubnis zur Ausbildung.',
  },
  {
    id: 'training-toleration-to-permit',
    from: { legalBases: ['aufenthg_60c', 'aufenthg_16g'] },
    to: [{ legalBases: ['aufenthg_19d'] }],
    jurisdictionChange: null,
    description: 'Nach der Ausbildung: Aufenthaltserlaubnis für qualifizierte Geduldete.',
  },
  {
    id: 'employment-toleration-to-permit',
    from: { legalBases: ['aufenthg_60d'] },
    to: [{ legalBases: ['aufenthg_25b'] }],
    jurisdictionChange: { from: 'asylblg', to: ['sgb_ii', 'sgb_xii'] },
    description: 'Nach der Beschäftigungsduldung: Aufenthaltserlaubnis wegen nachhaltiger Integration.',
  },
  {
    id: 'toleration-to-opportunity-residence',
    from: { legalBases: ['aufenthg_60a'] },
    to: [{ legalBases: ['aufenthg_104c'] }],
    jurisdictionChange: { from: 'asylblg', to: ['sgb_ii', 'sgb_xii'] },
    description: 'Chancen-Aufenthaltsrecht für langjährig Geduldete: 18 Monate, um die Voraussetzungen eines Bleiberechts zu erfüllen.',
  },
  {
    id: 'opportunity-residence-to-right-to-stay',
    from: { legalBases: ['aufenthg_104c'] },
    to: [{ legalBases: ['aufenthg_25a', 'aufenthg_25b'] }],
    jurisdictionChange: null,
    description: 'Aus dem Chancen-Aufenthaltsrecht (nicht verlängerbar) in ein Bleiberecht nach § 25a oder § 25b.',
  },
  {
    id: 'departure-impossible-leaves-asylblg',
    from: { legalBases: ['aufenthg_25_5'] },
    to: 'same_status',
    jurisdictionChange: { from: 'asylblg', to: ['sgb_ii', 'sgb_xii'] },
    description: '§ 25 Abs. 5: 18 Monate nach der Entscheidung Wechsel aus dem AsylbLG in SGB II oder SGB XII.',
  },
  {
    id: 'naturalisation',
    from: { category: 'residence_permit' },
    to: [{ category: 'german_citizen' }],
    jurisdictionChange: null,
    description:
      'Einbürgerung nach fünf Jahren rechtmäßigen Aufenthalts, bei besonderen Integrationsleistungen nach drei Jahren ' +
      '(seit 27. Juni 2024).',
  },
  {
    id: 'settled-naturalisation',
    from: { category: 'settlement_permit' },
    to: [{ category: 'german_citizen' }],
    jurisdictionChange: null,
    description: 'Einbürgerung aus der Niederlassungserlaubnis.',
  },
  {
    id: 'eu-long-term-naturalisation',
    from: { category: 'eu_long_term_residence' },
    to: [{ category: 'german_citizen' }],
    jurisdictionChange: null,
    description: 'Einbürgerung aus dem Daueraufenthalt-EU.',
  },
  {
    id: 'eu-free-movement-permanent',
    from: { legalBases: ['freizuegg_eu_2'] },
    to: [{ legalBases: ['freizuegg_eu_4a'] }, { category: 'german_citizen' }],
    jurisdictionChange: null,
    description:
      'EU-Bürger/innen: kein SGB II in den ersten drei Monaten oder bei Aufenthalt allein zur Arbeitsuche; ' +
      'Daueraufenthaltsrecht nach fünf Jahren.',
  },
];

export function matchesStatus(pattern: StatusPattern, legalBasis: LegalBasis): boolean {
  return 'legalBases' in pattern ? pattern.legalBases.includes(legalBasis) : LEGAL_BASES[legalBasis].category === pattern.category;
}

export function typicalTransitionsFrom(legalBasis: LegalBasis): StatusTransition[] {
  return TYPICAL_STATUS_TRANSITIONS.filter((transition) => matchesStatus(transition.from, legalBasis));
}
