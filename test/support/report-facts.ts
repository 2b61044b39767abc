import type { RecordedEvent } from '../../src/application/ports/event-store.port';
import { reportSourceEventOf } from '../../src/application/reporting/report-source-event';
import type { ReportFact } from '../../src/domain/reporting/report-fact.model';
import { extractReportFacts, type ReportSourceEvent } from '../../src/domain/reporting/report-facts.extractor';

export function reportSourceEventsOf(log: Iterable<RecordedEvent>): ReportSourceEvent[] {
  return [...log].map(reportSourceEventOf).filter((event): event is ReportSourceEvent => event !== null);
}

/** Every report fact of a raw log, as the reference fold reads it. */
export function reportFactsOf(log: Iterable<RecordedEvent>): ReportFact[] {
  return extractReportFacts(reportSourceEventsOf(log));
}
