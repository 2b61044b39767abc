import type { CalendarDate } from '../time/calendar-date.value';

/**
 * The residence statuses a case manager tracks (German law as of 2026, simplified). Data, not code paths: a new
 * paragraph is a new entry here; nothing that decides needs to change.
 */
export const RESIDENCE_CATEGORIES = {
  asylum_seeker: 'Aufenthaltsgestattung (Asylverfahren)',
  tolerated: 'Duldung',
  residence_permit: 'Aufenthaltserlaubnis',
  settlement_permit: 'Niederlassungserlaubnis',
  eu_long_term_residence: 'Erlaubnis zum Daueraufenthalt-EU',
  eu_free_movement: 'Freizügigkeit (EU/EWR)',
  interim_certificate: 'Fiktionsbescheinigung (Antrag anhängig)',
  german_citizen: 'Deutsche Staatsangehörigkeit (eingebürgert)',
} as const;

export type ResidenceCategory = keyof typeof RESIDENCE_CATEGORIES;
export const RESIDENCE_CATEGORY_CODES = Object.keys(RESIDENCE_CATEGORIES) as ResidenceCategory[];

export const RESIDENCE_PERMIT_GROUPS = {
  education_and_work: 'Ausbildung und Erwerbstätigkeit',
  humanitarian: 'Humanitäre Gründe',
  right_to_stay: 'Bleiberecht',
  family: 'Familiennachzug',
} as const;

export type ResidencePermitGroup = keyof typeof RESIDENCE_PERMIT_GROUPS;

export interface LegalBasisEntry {
  readonly category: ResidenceCategory;
  readonly group: ResidencePermitGroup | null;
  /** As written in a notice, e.g. "§ 25 Abs. 2 AufenthG". */
  readonly paragraph: string;
  readonly label: string;
  /**
   * From when the paragraph exists in this meaning; null where it predates anything a case would record.
   * Set only where an older entry covers the time before (e.g. a training toleration before 2020 was a § 60a
   * Duldung), so a true historic status can always be recorded.
   */
  readonly inForceFrom: CalendarDate | null;
}

const basis = (
  category: ResidenceCategory,
  paragraph: string,
  label: string,
  options: { group?: ResidencePermitGroup; inForceFrom?: CalendarDate } = {},
): LegalBasisEntry => ({ category, group: options.group ?? null, paragraph, label, inForceFrom: options.inForceFrom ?? null });

const work = { group: 'education_and_work' } as const;
const humanitarian = { group: 'humanitarian' } as const;
const rightToStay = { group: 'right_to_stay' } as const;

export const LEGAL_BASES = {
  asylg_55: basis('asylum_seeker', '§ 55 AsylG', 'Aufenthaltsgestattung zur Durchführung des Asylverfahrens'),

  aufenthg_60a: basis('tolerated', '§ 60a AufenthG', 'Duldung (vorübergehende Aussetzung der Abschiebung)'),
  // Geordnete-Rückkehr-Gesetz, in force 21 Aug 2019.
  aufenthg_60b: basis('tolerated', '§ 60b AufenthG', 'Duldung für Personen mit ungeklärter Identität', { inForceFrom: '2019-08-21' }),
  // Gesetz über Duldung bei Ausbildung und Beschäftigung, in force 1 Jan 2020.
  aufenthg_60c: basis('tolerated', '§ 60c AufenthG', 'Ausbildungsduldung', { inForceFrom: '2020-01-01' }),
  aufenthg_60d: basis('tolerated', '§ 60d AufenthG', 'Beschäftigungsduldung', { inForceFrom: '2020-01-01' }),

  aufenthg_16b: basis('residence_permit', '§ 16b AufenthG', 'Studium', work),
  // Fachkräfteeinwanderung, second stage (1 Mar 2024); before, the same situation was a § 60c toleration.
  aufenthg_16g: basis('residence_permit', '§ 16g AufenthG', 'Berufsausbildung für ausreisepflichtige Personen', {
    ...work,
    inForceFrom: '2024-03-01',
  }),
  aufenthg_18a: basis('residence_permit', '§ 18a AufenthG', 'Fachkraft mit Berufsausbildung', work),
  aufenthg_18b: basis('residence_permit', '§ 18b AufenthG', 'Fachkraft mit akademischer Ausbildung', work),
  // Blue Card moved from § 18b Abs. 2 to § 18g on 18 Nov 2023.
  aufenthg_18g: basis('residence_permit', '§ 18g AufenthG', 'Blaue Karte EU', { ...work, inForceFrom: '2023-11-18' }),
  aufenthg_19d: basis('residence_permit', '§ 19d AufenthG', 'Beschäftigung qualifizierter Geduldeter', work),
  aufenthg_20a: basis('residence_permit', '§ 20a AufenthG', 'Chancenkarte zur Arbeitsuche', { ...work, inForceFrom: '2024-06-01' }),

  aufenthg_22: basis('residence_permit', '§ 22 AufenthG', 'Aufnahme aus dem Ausland', humanitarian),
  aufenthg_23: basis('residence_permit', '§ 23 AufenthG', 'Aufnahme durch Bund oder Land (z. B. Resettlement)', humanitarian),
  aufenthg_23a: basis('residence_permit', '§ 23a AufenthG', 'Härtefallaufnahme', humanitarian),
  aufenthg_24: basis('residence_permit', '§ 24 AufenthG', 'Vorübergehender Schutz (z. B. Ukraine)', humanitarian),
  aufenthg_25_1: basis('residence_permit', '§ 25 Abs. 1 AufenthG', 'Anerkennung als asylberechtigt', humanitarian),
  aufenthg_25_2: basis('residence_permit', '§ 25 Abs. 2 AufenthG', 'Flüchtlingseigenschaft oder subsidiärer Schutz', humanitarian),
  aufenthg_25_3: basis('residence_permit', '§ 25 Abs. 3 AufenthG', 'Abschiebungsverbot', humanitarian),
  aufenthg_25_4: basis('residence_permit', '§ 25 Abs. 4 AufenthG', 'Vorübergehender Aufenthalt aus dringenden Gründen', humanitarian),
  aufenthg_25_5: basis('residence_permit', '§ 25 Abs. 5 AufenthG', 'Ausreise rechtlich oder tatsächlich unmöglich', humanitarian),

  aufenthg_25a: basis(
    'residence_permit',
    '§ 25a AufenthG',
    'Gut integrierte Jugendliche und junge Volljährige (14 bis 27 Jahre)',
    rightToStay,
  ),
  aufenthg_25b: basis('residence_permit', '§ 25b AufenthG', 'Nachhaltige Integration', rightToStay),
  // Chancen-Aufenthaltsrecht, in force 31 Dec 2022: 18 months, not renewable.
  aufenthg_104c: basis('residence_permit', '§ 104c AufenthG', 'Chancen-Aufenthaltsrecht (18 Monate, nicht verlängerbar)', {
    ...rightToStay,
    inForceFrom: '2022-12-31',
  }),

  aufenthg_27_36: basis('residence_permit', '§§ 27–36 AufenthG', 'Familiennachzug', { group: 'family' }),

  aufenthg_9: basis('settlement_permit', '§ 9 AufenthG', 'Niederlassungserlaubnis'),
  aufenthg_18c: basis('settlement_permit', '§ 18c AufenthG', 'Niederlassungserlaubnis für Fachkräfte'),
  aufenthg_26_3_4: basis('settlement_permit', '§ 26 Abs. 3 und 4 AufenthG', 'Niederlassungserlaubnis nach humanitärem Aufenthalt'),

  aufenthg_9a: basis('eu_long_term_residence', '§ 9a AufenthG', 'Erlaubnis zum Daueraufenthalt-EU'),

  freizuegg_eu_2: basis('eu_free_movement', '§ 2 FreizügG/EU', 'Freizügigkeitsrecht'),
  freizuegg_eu_4a: basis('eu_free_movement', '§ 4a FreizügG/EU', 'Daueraufenthaltsrecht (nach fünf Jahren)'),

  aufenthg_81_3: basis('interim_certificate', '§ 81 Abs. 3 AufenthG', 'Erlaubnis- oder Duldungsfiktion'),
  aufenthg_81_4: basis('interim_certificate', '§ 81 Abs. 4 AufenthG', 'Fortgeltungsfiktion'),

  stag_10: basis('german_citizen', '§ 10 StAG', 'Anspruchseinbürgerung'),
  stag_8: basis('german_citizen', '§ 8 StAG', 'Ermessenseinbürgerung'),
} as const satisfies Record<string, LegalBasisEntry>;

export type LegalBasis = keyof typeof LEGAL_BASES;
export const LEGAL_BASIS_CODES = Object.keys(LEGAL_BASES) as LegalBasis[];

export const RESIDENCE_DOCUMENTS = {
  arrival_certificate: 'Ankunftsnachweis',
  permission_to_reside_certificate: 'Bescheinigung über die Aufenthaltsgestattung',
  toleration_certificate: 'Bescheinigung über die Aussetzung der Abschiebung (Duldung)',
  electronic_residence_title: 'Elektronischer Aufenthaltstitel (eAT)',
  interim_certificate: 'Fiktionsbescheinigung',
  eu_identity_document: 'Pass oder Personalausweis eines EU-/EWR-Staates',
  permanent_residence_certificate: 'Bescheinigung über das Daueraufenthaltsrecht',
  naturalisation_certificate: 'Einbürgerungsurkunde',
  authority_notice: 'Bescheid der Behörde',
  other: 'Sonstiges Dokument',
  none: 'Kein Dokument vorgelegt',
} as const;

export type ResidenceDocument = keyof typeof RESIDENCE_DOCUMENTS;
export const RESIDENCE_DOCUMENT_CODES = Object.keys(RESIDENCE_DOCUMENTS) as ResidenceDocument[];

export const STATUS_SOURCES = {
  document_seen: 'Dokument eingesehen',
  authority_notice: 'Mitteilung der Behörde',
  client_statement: 'Angabe der Person',
} as const;

export type StatusSource = keyof typeof STATUS_SOURCES;
export const STATUS_SOURCE_CODES = Object.keys(STATUS_SOURCES) as StatusSource[];

/** One residence status as recorded in a case. */
export interface ResidenceStatus {
  category: ResidenceCategory;
  legalBasis: LegalBasis;
  document: ResidenceDocument;
  validFrom: CalendarDate | null;
  validUntil: CalendarDate | null;
}

export function legalBasisBelongsTo(legalBasis: LegalBasis, category: ResidenceCategory): boolean {
  return LEGAL_BASES[legalBasis].category === category;
}

export function isLegalBasisInForce(legalBasis: LegalBasis, date: CalendarDate): boolean {
  const inForceFrom = LEGAL_BASES[legalBasis].inForceFrom;
  return inForceFrom === null || inForceFrom <= date;
}

export function legalBasesOf(category: ResidenceCategory): LegalBasis[] {
  return LEGAL_BASIS_CODES.filter((code) => LEGAL_BASES[code].category === category);
}
