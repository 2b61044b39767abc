import type { CaseScope } from '../../domain/case/access.policy';
import type { LegalStatusRecord } from '../../domain/case/case.events';
import type { Jurisdiction } from '../../domain/residence-law/benefit-jurisdiction.vocabulary';
import type { CalendarDate } from '../../domain/time/calendar-date.value';

/** A fact about a client's legal status as the log recorded it; none of them holds personal data. */
export type TimelineFact =
  | { kind: 'status'; record: LegalStatusRecord }
  /** Only the status a correction puts in place: its reason and text are personal data and stay in the log. */
  | { kind: 'correction'; record: { correctedEventId: string; correctedLegalStatus: LegalStatusRecord } }
  | { kind: 'jurisdiction'; record: { from: Jurisdiction | null; to: Jurisdiction; effectiveOn: CalendarDate } };

export type TimelineEntryRecord = TimelineFact & {
  caseId: string;
  /** The event's revision in its case stream: the order the facts were recorded in. */
  revision: number;
  eventId: string;
  /** When the store accepted the event (ISO 8601). */
  recordedAt: string;
};

export interface TimelineOfCase {
  scope: CaseScope;
  /** In recorded order. */
  entries: TimelineEntryRecord[];
}

export interface LegalStatusTimelineReadModel {
  /** null when no case of this id was opened. */
  find(caseId: string): Promise<TimelineOfCase | null>;
}

export const LEGAL_STATUS_TIMELINE_READ_MODEL = Symbol('LegalStatusTimelineReadModel');

/** The projection that feeds it, for waiting on a checkpoint. */
export const LEGAL_STATUS_TIMELINE_PROJECTION = 'legal_status_timeline';
