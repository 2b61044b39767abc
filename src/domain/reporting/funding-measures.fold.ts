import { evolveCaseTimeline, type CaseTimeline } from './case-timeline.fold';
import type { FundingMeasures, ReportScope } from './funding-measures.model';
import { OccurrenceAccumulator } from './occurrence-measures.fold';
import type { RecordCutoff } from './record-cutoff.value';
import { isTimelineFact, type ReportFact } from './report-fact.model';
import type { ReportPeriod } from './report-period.value';
import { foldTimelineMeasures } from './timeline-measures.fold';

/** Which report: the period, the district or one of its units, and the day whose records it uses. */
export interface FundingReportRequest {
  period: ReportPeriod;
  scope: ReportScope;
  cutoff: RecordCutoff;
}

/**
 * The reference definition of every figure: the facts of a log in, the raw figures of one report out. Facts
 * recorded at or after the cut-off, and facts of other districts, are left out here, so the caller may pass
 * the whole log, in any order.
 */
export function foldFundingMeasures(facts: readonly ReportFact[], request: FundingReportRequest): FundingMeasures {
  const accumulator = new FundingMeasuresAccumulator(request);
  for (const fact of [...facts].sort(inStreamOrder)) accumulator.add(fact);
  return accumulator.result();
}

/**
 * The same fold one fact at a time, for reading a whole event log: each case's facts must arrive in stream
 * order (as a log delivers them); cases may interleave.
 */
export class FundingMeasuresAccumulator {
  private readonly timelines = new Map<string, CaseTimeline | null>();
  private readonly occurrences: OccurrenceAccumulator;

  constructor(private readonly request: FundingReportRequest) {
    this.occurrences = new OccurrenceAccumulator(request.period, request.scope);
  }

  add(fact: ReportFact): void {
    if (fact.recordedAt >= this.request.cutoff.recordedBefore || fact.districtId !== this.request.scope.districtId) return;
    if (isTimelineFact(fact)) this.timelines.set(fact.caseId, evolveCaseTimeline(this.timelines.get(fact.caseId) ?? null, fact));
    this.occurrences.add(fact);
  }

  result(): FundingMeasures {
    const timelines = [...this.timelines.values()].filter((timeline): timeline is CaseTimeline => timeline !== null);
    return { ...foldTimelineMeasures(timelines, this.request.period, this.request.scope), ...this.occurrences.result() };
  }
}

function inStreamOrder(a: ReportFact, b: ReportFact): number {
  return a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : a.revision - b.revision;
}
