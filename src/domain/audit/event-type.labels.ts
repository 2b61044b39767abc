import type { CaseEventType } from '../case/case.events';
import { CASE_DATA_ACCESSED } from './case-access.events';

/** The German name of each kind of entry, as the history and the audit trail show it. */
export const EVENT_TYPE_LABELS: Readonly<Record<CaseEventType | typeof CASE_DATA_ACCESSED, string>> = {
  CaseOpened: 'Fallaufnahme',
  ConsentRecorded: 'Einwilligung erteilt',
  ConsentWithdrawn: 'Einwilligung widerrufen',
  NeedsAssessed: 'Bedarfsermittlung',
  GoalAgreed: 'Ziel vereinbart',
  GoalReviewed: 'Ziel überprüft',
  GoalClosed: 'Ziel abgeschlossen',
  CounsellingSessionHeld: 'Beratungskontakt',
  ReferralMade: 'Weiterleitung',
  ReferralOutcomeRecorded: 'Ergebnis einer Weiterleitung',
  LegalStatusChanged: 'Aufenthaltsstatus geändert',
  JurisdictionChanged: 'Rechtskreiswechsel',
  FollowUpScheduled: 'Wiedervorlage geplant',
  FollowUpDone: 'Wiedervorlage erledigt',
  ServiceGapReported: 'Angebotslücke gemeldet',
  CaseReassigned: 'Fall übergeben',
  CaseClosed: 'Fallabschluss',
  CaseReopened: 'Wiederaufnahme',
  EntryCorrected: 'Korrektur',
  ClientDataErased: 'Löschung personenbezogener Daten',
  CasePhaseChanged: 'Phasenwechsel',
  CaseDataAccessed: 'Zugriff auf den Fall',
};

/** Event types are our own codes, never input; an unknown one (a newer version wrote it) is named as it is. */
export function eventTypeLabel(type: string): string {
  return Object.prototype.hasOwnProperty.call(EVENT_TYPE_LABELS, type) ? EVENT_TYPE_LABELS[type as keyof typeof EVENT_TYPE_LABELS] : `Eintrag ${type}`;
}
