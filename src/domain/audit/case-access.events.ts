import type { Instant } from '../time/instant.value';

/**
 * A person read a case: the audit record the law asks for (who, when, which case, why), kept as an event in
 * the case's own access stream so the hash chain makes it as tamper-evident as the case itself.
 * Why the reason is stored in plain text: docs/decisions/0007-audit-trail.md.
 */

export const ACCESS_KIND_LABELS = {
  view: 'Einsicht',
  export: 'Export',
  reveal: 'Offenlegung personenbezogener Daten',
} as const;
export type AccessKind = keyof typeof ACCESS_KIND_LABELS;
export const ACCESS_KINDS = Object.keys(ACCESS_KIND_LABELS) as AccessKind[];

/** What of the case was read. */
export const CASE_VIEW_LABELS = {
  case_file: 'Fallakte',
  history: 'Verlauf',
  personal_data: 'Personenbezogene Daten',
  legal_status_timeline: 'Aufenthaltsrechtlicher Verlauf',
} as const;
export type CaseView = keyof typeof CASE_VIEW_LABELS;

/** How personal data reached the reader: in plain text, masked, or (reveal) the listed fields in plain text. */
export type PersonalDataShown = 'plain' | 'masked' | 'revealed';

export interface RevealedFields {
  eventId: string;
  /** Paths of the personal-data registry, e.g. `client.personal`, `needs[].note`. */
  fields: string[];
}

export interface CaseDataAccessedData {
  caseId: string;
  access: AccessKind;
  view: CaseView;
  /** The point in the case's history that was read; both null: the case as it is now. */
  asOf: Instant | null;
  atRevision: number | null;
  personalData: PersonalDataShown;
  /** The reader's stated reason (a mandate or file reference, never the client's data); null if none was asked. */
  reason: string | null;
  /** For `reveal`: exactly which fields of which events were shown in plain text. */
  revealed: RevealedFields[];
}

export interface CaseDataAccessed {
  type: 'CaseDataAccessed';
  data: CaseDataAccessedData;
}

export const CASE_DATA_ACCESSED = 'CaseDataAccessed';
export const CASE_DATA_ACCESSED_SCHEMA_VERSION = 1;
