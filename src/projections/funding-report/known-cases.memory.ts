import type { CaseTimeline } from '../../domain/reporting/case-timeline.fold';
import type { CaseReportContext } from '../../domain/reporting/report-facts.extractor';

/** A row of `funding_report_cases`: what extraction carries from event to event, and the timeline so far. */
export interface KnownCase {
  context: CaseReportContext | null;
  timeline: CaseTimeline | null;
}

/**
 * The rows of `funding_report_cases` that a run of batches (`BatchContext.run`) wrote or read, so the next
 * batch need not read and parse them again: in a rebuild, nearly every case of a batch was in an earlier one.
 * Bounded: the cases used longest ago are forgotten first, and read again when they come back.
 */
export class KnownCasesMemory {
  private readonly cases = new Map<string, KnownCase>();

  constructor(private readonly capacity: number) {}

  get(caseId: string): KnownCase | undefined {
    return this.cases.get(caseId);
  }

  remember(caseId: string, known: KnownCase): void {
    // Deleted first, so that the map's order stays the order of last use.
    this.cases.delete(caseId);
    this.cases.set(caseId, known);
    if (this.cases.size > this.capacity) this.cases.delete(this.cases.keys().next().value as string);
  }
}
