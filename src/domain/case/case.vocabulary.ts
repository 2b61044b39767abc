/**
 * The code lists of a case, each with its German label for the interface. Codes are stored in events and so are
 * permanent: a label may be reworded, a code is never renamed.
 */

/** The codes of a label table, in its order. */
export const codes = <T extends string>(labels: Record<T, string>): T[] => Object.keys(labels) as T[];

export const LIFE_AREA_LABELS = {
  residence_law: 'Aufenthaltsrecht',
  language: 'Sprache',
  work_and_income: 'Arbeit und Einkommen',
  education_and_training: 'Bildung und Ausbildung',
  recognition_of_qualifications: 'Anerkennung ausländischer Abschlüsse',
  housing: 'Wohnen',
  health: 'Gesundheit',
  family_and_childcare: 'Familie und Kinderbetreuung',
  school: 'Schule',
  social_participation: 'Soziale Teilhabe',
  finances_and_debts: 'Finanzen und Schulden',
  first_orientation: 'Erstorientierung',
} as const;
export type LifeArea = keyof typeof LIFE_AREA_LABELS;
export const LIFE_AREAS = codes(LIFE_AREA_LABELS);

export const INTAKE_CHANNEL_LABELS = {
  office: 'Sprechstunde / Büro',
  outreach: 'Aufsuchende Arbeit',
  phone: 'Telefon',
  video: 'Video',
  referred_by_institution: 'Vermittlung durch eine Institution',
} as const;
export type IntakeChannel = keyof typeof INTAKE_CHANNEL_LABELS;
export const INTAKE_CHANNELS = codes(INTAKE_CHANNEL_LABELS);

export const ENTRY_CRITERION_LABELS = {
  complex_needs: 'Komplexe Problemlage',
  several_agencies_involved: 'Mehrere Stellen beteiligt',
  no_other_case_management: 'Kein anderes Case Management',
  jurisdiction_change_pending: 'Rechtskreiswechsel steht bevor',
} as const;
export type EntryCriterion = keyof typeof ENTRY_CRITERION_LABELS;
export const ENTRY_CRITERIA = codes(ENTRY_CRITERION_LABELS);

export const GENDER_LABELS = {
  female: 'weiblich',
  male: 'männlich',
  diverse: 'divers',
  not_stated: 'keine Angabe',
} as const;
export type Gender = keyof typeof GENDER_LABELS;
export const GENDERS = codes(GENDER_LABELS);

export const CONSENT_PURPOSE_LABELS = {
  case_management: 'Teilnahme am Case Management',
  data_sharing: 'Datenweitergabe an eine bestimmte Stelle (Schweigepflichtentbindung)',
  reporting: 'Anonymisierte Berichterstattung',
} as const;
export type ConsentPurpose = keyof typeof CONSENT_PURPOSE_LABELS;
export const CONSENT_PURPOSES = codes(CONSENT_PURPOSE_LABELS);

/** Need per life area in an assessment. */
export const NEED_LEVEL_LABELS = { 0: 'kein Bedarf', 1: 'geringer Bedarf', 2: 'erheblicher Bedarf', 3: 'akuter Bedarf' } as const;
export type NeedLevel = keyof typeof NEED_LEVEL_LABELS;
export const NEED_LEVELS = [0, 1, 2, 3] as const satisfies readonly NeedLevel[];

export const GOAL_PROGRESS_LABELS = {
  on_track: 'im Plan',
  delayed: 'verzögert',
  stalled: 'kein Fortschritt',
} as const;
export type GoalProgress = keyof typeof GOAL_PROGRESS_LABELS;
export const GOAL_PROGRESS = codes(GOAL_PROGRESS_LABELS);

export const GOAL_OUTCOME_LABELS = {
  achieved: 'erreicht',
  partly_achieved: 'teilweise erreicht',
  dropped: 'aufgegeben',
} as const;
export type GoalOutcome = keyof typeof GOAL_OUTCOME_LABELS;
export const GOAL_OUTCOMES = codes(GOAL_OUTCOME_LABELS);

export const SESSION_FORMAT_LABELS = {
  office: 'Büro',
  home_visit: 'Hausbesuch',
  outreach: 'Aufsuchend',
  phone: 'Telefon',
  video: 'Video',
  accompaniment: 'Begleitung zu einer Behörde oder Stelle',
} as const;
export type SessionFormat = keyof typeof SESSION_FORMAT_LABELS;
export const SESSION_FORMATS = codes(SESSION_FORMAT_LABELS);

export const INSTITUTION_TYPE_LABELS = {
  job_centre: 'Jobcenter',
  social_welfare_office: 'Sozialamt',
  immigration_office: 'Ausländerbehörde',
  naturalisation_office: 'Einbürgerungsbehörde',
  adult_migration_counselling: 'Migrationsberatung für erwachsene Zugewanderte (MBE)',
  youth_migration_service: 'Jugendmigrationsdienst (JMD)',
  integration_course: 'Integrationskurs',
  language_course: 'Sprachkurs',
  recognition_counselling: 'Anerkennungsberatung',
  health: 'Gesundheitswesen',
  housing: 'Wohnen',
  debt_counselling: 'Schuldnerberatung',
  school: 'Schule',
  daycare: 'Kindertagesbetreuung',
  youth_office: 'Jugendamt',
  other: 'Sonstige Stelle',
} as const;
export type InstitutionType = keyof typeof INSTITUTION_TYPE_LABELS;
export const INSTITUTION_TYPES = codes(INSTITUTION_TYPE_LABELS);

export const REFERRAL_OUTCOME_LABELS = {
  taken_up: 'angenommen',
  completed: 'abgeschlossen',
  declined: 'abgelehnt',
  no_show: 'nicht erschienen',
  no_answer: 'keine Rückmeldung',
} as const;
export type ReferralOutcome = keyof typeof REFERRAL_OUTCOME_LABELS;
export const REFERRAL_OUTCOMES = codes(REFERRAL_OUTCOME_LABELS);

/** Reasons a case manager may give; an erasure closes an open case with its own reason (see below). */
export const CLOSURE_REASON_LABELS = {
  goals_achieved: 'Ziele erreicht',
  handed_to_regular_services: 'An Regeldienste übergeben',
  client_ended_contact: 'Kontakt durch die Person beendet',
  moved_away: 'Weggezogen',
  no_contact: 'Kein Kontakt mehr',
  status_ended: 'Aufenthalt beendet',
  other: 'Sonstiger Grund',
} as const;
export type ClosureReason = keyof typeof CLOSURE_REASON_LABELS;
export const CLOSURE_REASONS = codes(CLOSURE_REASON_LABELS);
export type RecordedClosureReason = ClosureReason | 'client_data_erased';

export const ERASURE_LEGAL_BASIS_LABELS = {
  gdpr_art_17: 'Art. 17 DSGVO (Recht auf Löschung)',
  sgb_x_84: '§ 84 SGB X (Löschung von Sozialdaten)',
  retention_period_expired: 'Aufbewahrungsfrist abgelaufen',
  kdg_19: '§ 19 KDG (Recht auf Löschung, katholische Träger)',
  dsg_ekd_21: '§ 21 DSG-EKD (Recht auf Löschung, evangelische Träger)',
} as const;
export type ErasureLegalBasis = keyof typeof ERASURE_LEGAL_BASIS_LABELS;
export const ERASURE_LEGAL_BASES = codes(ERASURE_LEGAL_BASIS_LABELS);
