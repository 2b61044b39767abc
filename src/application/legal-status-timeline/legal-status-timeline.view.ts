import type { LegalStatusRecord } from '../../domain/case/case.events';
import { JURISDICTIONS, type Jurisdiction } from '../../domain/residence-law/benefit-jurisdiction.vocabulary';
import { PERMIT_EXPIRY_WARNING_DAYS, type PermitValidity, permitValidity } from '../../domain/residence-law/permit-validity.policy';
import {
  RESIDENCE_CATEGORIES,
  RESIDENCE_DOCUMENTS,
  STATUS_SOURCES,
  type ResidenceCategory,
  type ResidenceDocument,
  type StatusSource,
} from '../../domain/residence-law/residence-status.taxonomy';
import { type CalendarDate, epochDayOf } from '../../domain/time/calendar-date.value';
import { type Coded, type LegalBasisView, legalBasisView } from '../caseload/caseload.view';
import type { TimelineEntryRecord } from './legal-status-timeline-read-model.port';

export interface StatusView {
  effectiveOn: CalendarDate;
  category: Coded<ResidenceCategory>;
  legalBasis: LegalBasisView;
  document: Coded<ResidenceDocument>;
  validFrom: CalendarDate | null;
  validUntil: CalendarDate | null;
  source: Coded<StatusSource>;
}

export interface JurisdictionView extends Coded<Jurisdiction> {
  office: string | null;
}

/** A residence status as it applies now: the values of its latest correction, if it was corrected. */
export interface ResidenceStatusEntry extends StatusView {
  kind: 'residence_status';
  eventId: string;
  recordedAt: string;
  /** The status that was current when this one was recorded. */
  replaces: { eventId: string; category: Coded<ResidenceCategory>; legalBasis: LegalBasisView } | null;
  /** Oldest first; each with the values it replaced. */
  corrections: Array<{ eventId: string; recordedAt: string; previous: StatusView }>;
  /** Set when this entry is a correction of a status that is not part of this case's timeline. */
  correctionOf: string | null;
  current: boolean;
}

export interface JurisdictionChangeEntry {
  kind: 'jurisdiction_change';
  eventId: string;
  recordedAt: string;
  effectiveOn: CalendarDate;
  from: JurisdictionView | null;
  to: JurisdictionView;
}

export type TimelineEntry = ResidenceStatusEntry | JurisdictionChangeEntry;

export interface LegalStatusTimelineView {
  caseId: string;
  /** The German calendar date the validity was judged on. */
  today: CalendarDate;
  current: {
    eventId: string;
    validity: PermitValidity;
    /** Negative once expired; null for a status without end. */
    daysUntilExpiry: number | null;
    /** The permit has expired or expires within `warningDays`: the case manager must act. */
    expiryWarning: boolean;
    warningDays: number;
  } | null;
  jurisdiction: JurisdictionView | null;
  /** By effective date; facts with the same date in the order they were recorded. */
  entries: TimelineEntry[];
}

/**
 * Reads the recorded facts as a timeline. Walking them in recorded order decides what each status replaced and
 * which one is current, exactly as the domain's fold does: a correction puts its status in place of the entry
 * it corrects, and that entry is current afterwards.
 */
export function legalStatusTimeline(caseId: string, facts: readonly TimelineEntryRecord[], today: CalendarDate): LegalStatusTimelineView {
  const statuses = new Map<string, ResidenceStatusEntry>();
  const order = new Map<TimelineEntry, number>();
  let current: ResidenceStatusEntry | null = null;
  let jurisdiction: JurisdictionView | null = null;

  const addStatus = (fact: TimelineEntryRecord, record: LegalStatusRecord, correctionOf: string | null) => {
    const entry: ResidenceStatusEntry = {
      kind: 'residence_status',
      eventId: fact.eventId,
      recordedAt: fact.recordedAt,
      ...statusView(record),
      replaces: current === null ? null : { eventId: current.eventId, category: current.category, legalBasis: current.legalBasis },
      corrections: [],
      correctionOf,
      current: false,
    };
    statuses.set(entry.eventId, entry);
    order.set(entry, fact.revision);
    current = entry;
  };

  for (const fact of facts) {
    switch (fact.kind) {
      case 'status':
        addStatus(fact, fact.record, null);
        break;
      case 'correction': {
        const target = statuses.get(fact.record.correctedEventId);
        if (target === undefined) {
          addStatus(fact, fact.record.correctedLegalStatus, fact.record.correctedEventId);
          break;
        }
        target.corrections.push({ eventId: fact.eventId, recordedAt: fact.recordedAt, previous: statusValuesOf(target) });
        Object.assign(target, statusView(fact.record.correctedLegalStatus));
        current = target;
        break;
      }
      case 'jurisdiction': {
        const entry: JurisdictionChangeEntry = {
          kind: 'jurisdiction_change',
          eventId: fact.eventId,
          recordedAt: fact.recordedAt,
          effectiveOn: fact.record.effectiveOn,
          from: fact.record.from === null ? null : jurisdictionView(fact.record.from),
          to: jurisdictionView(fact.record.to),
        };
        order.set(entry, fact.revision);
        jurisdiction = entry.to;
        break;
      }
    }
  }

  const last = current as ResidenceStatusEntry | null;
  if (last !== null) last.current = true;
  const entries = [...order.keys()].sort((a, b) => compare(a.effectiveOn, b.effectiveOn) || (order.get(a) as number) - (order.get(b) as number));
  return { caseId, today, current: last === null ? null : currentValidity(last, today), jurisdiction, entries };
}

function currentValidity(entry: ResidenceStatusEntry, today: CalendarDate): LegalStatusTimelineView['current'] {
  const validity = permitValidity(entry, today);
  return {
    eventId: entry.eventId,
    validity,
    daysUntilExpiry: entry.validUntil === null ? null : epochDayOf(entry.validUntil) - epochDayOf(today),
    expiryWarning: validity === 'expiring_soon' || validity === 'expired',
    warningDays: PERMIT_EXPIRY_WARNING_DAYS,
  };
}

function statusValuesOf(entry: StatusView): StatusView {
  const { effectiveOn, category, legalBasis, document, validFrom, validUntil, source } = entry;
  return { effectiveOn, category, legalBasis, document, validFrom, validUntil, source };
}

function statusView(record: LegalStatusRecord): StatusView {
  const { status } = record;
  return {
    effectiveOn: record.effectiveOn,
    category: { code: status.category, label: RESIDENCE_CATEGORIES[status.category] },
    legalBasis: legalBasisView(status.legalBasis),
    document: { code: status.document, label: RESIDENCE_DOCUMENTS[status.document] },
    validFrom: status.validFrom,
    validUntil: status.validUntil,
    source: { code: record.source, label: STATUS_SOURCES[record.source] },
  };
}

function jurisdictionView(code: Jurisdiction): JurisdictionView {
  return { code, label: JURISDICTIONS[code].label, office: JURISDICTIONS[code].office };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
