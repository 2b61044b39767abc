import type { Kysely } from 'kysely';
import type { FundingReportReadModel } from '../../application/reporting/funding-report-read-model.port';
import type { RecordedLater } from '../../domain/reporting/funding-report.comparison';
import type { FundingReportRequest } from '../../domain/reporting/funding-measures.fold';
import type { FundingMeasures } from '../../domain/reporting/funding-measures.model';
import { foldTimelineMeasures } from '../../domain/reporting/timeline-measures.fold';
import type { ReadModelLocator } from '../read/read-model.locator';
import { FUNDING_REPORT_PROJECTION } from './funding-report.projection';
import { occurrenceMeasures, recordedBetween, recordedTimelines } from './funding-report.queries';

/**
 * Reads the active generation of the funding report's read model. The timeline query and the aggregates run
 * side by side (on a server, each on a connection of its own). They need no common snapshot: every query only
 * sees rows recorded before the cut-off, which later batches never change (a later version only sets the
 * `superseded_at` of an earlier one to a time after the cut-off).
 */
export class FundingReportReader implements FundingReportReadModel {
  constructor(
    private readonly db: Kysely<unknown>,
    private readonly locator: Pick<ReadModelLocator, 'read'>,
  ) {}

  measures(request: FundingReportRequest): Promise<FundingMeasures> {
    return this.locator.read(FUNDING_REPORT_PROJECTION, async (model) => {
      const [timelineMeasures, occurrences] = await Promise.all([
        recordedTimelines(this.db, model.schema, request).then((timelines) => foldTimelineMeasures(timelines, request.period, request.scope)),
        occurrenceMeasures(this.db, model.schema, request),
      ]);
      return { ...timelineMeasures, ...occurrences };
    });
  }

  recordedBetween(districtId: string, from: number, to: number): Promise<RecordedLater[]> {
    return this.locator.read(FUNDING_REPORT_PROJECTION, (model) => recordedBetween(this.db, model.schema, districtId, from, to));
  }
}
