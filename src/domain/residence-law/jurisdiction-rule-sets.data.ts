import type { Jurisdiction } from './benefit-jurisdiction.vocabulary';
import type { LegalBasis, ResidenceCategory } from './residence-status.taxonomy';
import type { Versioned } from './versioned.data';

/** One jurisdiction that may apply, and the circumstance it depends on (German, for the case manager). */
export interface JurisdictionOption {
  readonly jurisdiction: Jurisdiction;
  readonly condition: string | null;
}

/** When a stage begins, counted from the day the status started (its valid-from date). */
export type StageStart =
  | { readonly from: 'status_start' }
  | { readonly from: 'first_day_of_following_month' }
  | { readonly from: 'months_after_status_start'; readonly months: number };

export interface JurisdictionStage {
  readonly start: StageStart;
  readonly options: readonly JurisdictionOption[];
}

/** A rule names legal bases, or a whole category; a rule naming the legal basis wins over its category's. */
export type RuleScope = { readonly legalBases: readonly LegalBasis[] } | { readonly category: ResidenceCategory };

export interface JurisdictionRule {
  readonly id: string;
  readonly appliesTo: RuleScope;
  /** In order of their start; the last stage that has begun applies. */
  readonly stages: readonly JurisdictionStage[];
  readonly note: string | null;
}

export interface JurisdictionRuleSet extends Versioned {
  readonly source: string;
  readonly rules: readonly JurisdictionRule[];
}

const EMPLOYABLE: JurisdictionOption = { jurisdiction: 'sgb_ii', condition: 'erwerbsfähig (ab 15 Jahren bis zur Altersgrenze)' };
const NOT_EMPLOYABLE: JurisdictionOption = { jurisdiction: 'sgb_xii', condition: 'nicht erwerbsfähig oder Altersgrenze erreicht' };
const BASIC_INCOME = [EMPLOYABLE, NOT_EMPLOYABLE] as const;
const AT_START = { from: 'status_start' } as const;

const immediately = (...options: JurisdictionOption[]): readonly JurisdictionStage[] => [{ start: AT_START, options }];

const ASYLUM_SEEKERS: JurisdictionRule = {
  id: 'asylum-seekers',
  appliesTo: { category: 'asylum_seeker' },
  stages: immediately({ jurisdiction: 'asylblg', condition: null }),
  note: null,
};

const TOLERATED: JurisdictionRule = {
  id: 'tolerated',
  appliesTo: { category: 'tolerated' },
  stages: immediately({ jurisdiction: 'asylblg', condition: null }),
  note: null,
};

const RECOGNISED: JurisdictionRule = {
  id: 'recognised-refugees',
  appliesTo: { legalBases: ['aufenthg_25_1', 'aufenthg_25_2'] },
  stages: [
    { start: AT_START, options: [{ jurisdiction: 'asylblg', condition: 'bis zum Ablauf des Monats der Anerkennung' }] },
    {
      start: { from: 'first_day_of_following_month' },
      options: [...BASIC_INCOME, { jurisdiction: 'bafoeg', condition: 'in förderfähiger Ausbildung oder im Studium' }],
    },
  ],
  note: 'Rechtskreiswechsel: Die Leistungen nach dem AsylbLG enden mit dem Monat der Anerkennung.',
};

const WAR_ADMISSION: JurisdictionRule = {
  id: 'admission-section-23',
  appliesTo: { legalBases: ['aufenthg_23'] },
  stages: immediately(...BASIC_INCOME, { jurisdiction: 'asylblg', condition: 'Aufnahme nach § 23 Abs. 1 wegen des Krieges im Heimatland' }),
  note: null,
};

const TEMPORARY_STAY: JurisdictionRule = {
  id: 'temporary-stay-section-25-4',
  appliesTo: { legalBases: ['aufenthg_25_4'] },
  stages: immediately(
    { jurisdiction: 'asylblg', condition: 'vorübergehender Aufenthalt (§ 25 Abs. 4 Satz 1)' },
    { jurisdiction: 'sgb_ii', condition: 'verlängert nach § 25 Abs. 4 Satz 2, erwerbsfähig' },
    { jurisdiction: 'sgb_xii', condition: 'verlängert nach § 25 Abs. 4 Satz 2, nicht erwerbsfähig' },
  ),
  note: null,
};

const DEPARTURE_IMPOSSIBLE: JurisdictionRule = {
  id: 'departure-impossible-section-25-5',
  appliesTo: { legalBases: ['aufenthg_25_5'] },
  stages: [
    { start: AT_START, options: [{ jurisdiction: 'asylblg', condition: 'bis 18 Monate nach der Entscheidung' }] },
    { start: { from: 'months_after_status_start', months: 18 }, options: BASIC_INCOME },
  ],
  note: 'Verbleibt 18 Monate nach der Entscheidung im AsylbLG (§ 1 Abs. 1 Nr. 3 Buchst. c AsylbLG).',
};

const PROTECTED_AND_SETTLED: JurisdictionRule = {
  id: 'basic-income',
  appliesTo: {
    legalBases: [
      'aufenthg_22',
      'aufenthg_23a',
      'aufenthg_25_3',
      'aufenthg_25a',
      'aufenthg_25b',
      'aufenthg_104c',
      'aufenthg_27_36',
      'freizuegg_eu_4a',
    ],
  },
  stages: immediately(...BASIC_INCOME),
  note: null,
};

const SETTLEMENT: JurisdictionRule = {
  id: 'settlement-permit',
  appliesTo: { category: 'settlement_permit' },
  stages: immediately(...BASIC_INCOME),
  note: null,
};

const EU_LONG_TERM: JurisdictionRule = {
  id: 'eu-long-term-residence',
  appliesTo: { category: 'eu_long_term_residence' },
  stages: immediately(...BASIC_INCOME),
  note: null,
};

const CITIZENS: JurisdictionRule = {
  id: 'german-citizens',
  appliesTo: { category: 'german_citizen' },
  stages: immediately(...BASIC_INCOME),
  note: null,
};

const WORK_AND_STUDY: JurisdictionRule = {
  id: 'education-and-work',
  appliesTo: {
    legalBases: ['aufenthg_16b', 'aufenthg_16g', 'aufenthg_18a', 'aufenthg_18b', 'aufenthg_18g', 'aufenthg_19d', 'aufenthg_20a'],
  },
  stages: immediately({ jurisdiction: 'none', condition: 'Lebensunterhalt aus Erwerbstätigkeit oder eigenen Mitteln' }),
  note: 'Der Titel setzt in der Regel einen gesicherten Lebensunterhalt voraus; Leistungsbezug kann ihn gefährden.',
};

const EU_FREE_MOVEMENT: JurisdictionRule = {
  id: 'eu-free-movement',
  appliesTo: { legalBases: ['freizuegg_eu_2'] },
  stages: [
    { start: AT_START, options: [{ jurisdiction: 'none', condition: 'erste drei Monate: kein Anspruch auf SGB II' }] },
    {
      start: { from: 'months_after_status_start', months: 3 },
      options: [
        { jurisdiction: 'sgb_ii', condition: 'als Arbeitnehmer/in oder selbstständig tätig (oder Status erhalten)' },
        { jurisdiction: 'none', condition: 'Aufenthalt allein zur Arbeitsuche' },
      ],
    },
  ],
  note: 'Kein SGB II in den ersten drei Monaten oder bei Aufenthalt allein zur Arbeitsuche.',
};

const INTERIM: JurisdictionRule = {
  id: 'interim-certificate',
  appliesTo: { category: 'interim_certificate' },
  stages: immediately(),
  note: 'Der Rechtskreis folgt dem bisherigen oder dem beantragten Titel.',
};

const TEMPORARY_PROTECTION_ASYLBLG: JurisdictionRule = {
  id: 'temporary-protection-section-24',
  appliesTo: { legalBases: ['aufenthg_24'] },
  stages: immediately({ jurisdiction: 'asylblg', condition: null }),
  note: null,
};

const TEMPORARY_PROTECTION_BASIC_INCOME: JurisdictionRule = {
  ...TEMPORARY_PROTECTION_ASYLBLG,
  stages: immediately(...BASIC_INCOME),
  note: 'Seit 1. Juni 2022 erhalten Schutzsuchende mit § 24 AufenthG Leistungen nach SGB II oder SGB XII.',
};

const UNCHANGED_RULES = [
  ASYLUM_SEEKERS,
  TOLERATED,
  RECOGNISED,
  WAR_ADMISSION,
  TEMPORARY_STAY,
  DEPARTURE_IMPOSSIBLE,
  PROTECTED_AND_SETTLED,
  SETTLEMENT,
  EU_LONG_TERM,
  CITIZENS,
  WORK_AND_STUDY,
  EU_FREE_MOVEMENT,
  INTERIM,
];

/**
 * Typical jurisdiction by status. The first set is today's law back-dated as a baseline; only changes that
 * matter to current cases are modelled as new versions. The planned return of new § 24 holders to the AsylbLG
 * becomes a new set when it is law.
 */
export const JURISDICTION_RULE_SETS: readonly JurisdictionRuleSet[] = [
  {
    version: '2005-01-01',
    validFrom: '2005-01-01',
    source: 'AufenthG, AsylbLG, SGB II und SGB XII (Grundsicherung seit 1. Januar 2005)',
    rules: [...UNCHANGED_RULES, TEMPORARY_PROTECTION_ASYLBLG],
  },
  {
    version: '2022-06-01',
    validFrom: '2022-06-01',
    source: 'Rechtskreiswechsel für Schutzsuchende mit § 24 AufenthG zum 1. Juni 2022',
    rules: [...UNCHANGED_RULES, TEMPORARY_PROTECTION_BASIC_INCOME],
  },
];
