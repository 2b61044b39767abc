import { FundingMeasuresAccumulator, type FundingReportRequest } from '../../domain/reporting/funding-measures.fold';
import type { FundingMeasures } from '../../domain/reporting/funding-measures.model';
import { extractReportFact, type CaseReportContext } from '../../domain/reporting/report-facts.extractor';
import type { EventStore } from '../ports/event-store.port';
import { reportSourceEventOf } from './report-source-event';

export interface LogReadProgress {
  eventsRead: number;
  elapsedMs: number;
}

const PAGE = 5_000;

/**
 * The report's raw figures folded straight from the event log, the source of truth: no read model needed,
 * at the price of reading every event once. Holds only each case's timeline and the period's occurrences.
 */
export async function fundingMeasuresFromLog(store: EventStore, request: FundingReportRequest, onProgress?: (progress: LogReadProgress) => void): Promise<FundingMeasures> {
  const accumulator = new FundingMeasuresAccumulator(request);
  const contexts = new Map<string, CaseReportContext | null>();
  const started = performance.now();
  let eventsRead = 0;
  for (let after: string | null = null; ; ) {
    const page = await store.readAll({ after, limit: PAGE });
    for (const recorded of page.events) {
      const source = reportSourceEventOf(recorded);
      if (source === null) continue;
      const { fact, context } = extractReportFact(source, contexts.get(source.caseId) ?? null);
      contexts.set(source.caseId, context);
      if (fact !== null) accumulator.add(fact);
    }
    eventsRead += page.events.length;
    onProgress?.({ eventsRead, elapsedMs: performance.now() - started });
    if (page.events.length < PAGE) break;
    after = page.checkpoint;
  }
  return accumulator.result();
}
