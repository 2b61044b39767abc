import { type Kysely, sql } from 'kysely';
import {
  LEGAL_STATUS_TIMELINE_PROJECTION,
  type LegalStatusTimelineReadModel,
  type TimelineEntryRecord,
  type TimelineOfCase,
} from '../../application/legal-status-timeline/legal-status-timeline-read-model.port';
import type { ReadModelLocator } from '../read/read-model.locator';
import { TIMELINE_CASES_TABLE, TIMELINE_ENTRIES_TABLE, timelineTable } from './legal-status-timeline.table';

interface StoredEntry {
  case_id: string;
  revision: string | number;
  event_id: string;
  kind: TimelineEntryRecord['kind'];
  recorded_at: string;
  record: TimelineEntryRecord['record'];
}

/** The legal-status timeline read model in the active generation of its projection. */
export class LegalStatusTimelineReader implements LegalStatusTimelineReadModel {
  constructor(
    private readonly db: Kysely<unknown>,
    private readonly locator: ReadModelLocator,
  ) {}

  find(caseId: string): Promise<TimelineOfCase | null> {
    return this.locator.read(LEGAL_STATUS_TIMELINE_PROJECTION, ({ schema }) => this.findIn(schema, caseId));
  }

  private async findIn(schema: string, caseId: string): Promise<TimelineOfCase | null> {
    const [scope, entries] = await Promise.all([
      sql<{ organisation_unit_id: string; district_id: string }>`
        SELECT organisation_unit_id, district_id FROM ${timelineTable(schema, TIMELINE_CASES_TABLE)} WHERE case_id = ${caseId}`.execute(this.db),
      sql<StoredEntry>`
        SELECT case_id, revision, event_id, kind, recorded_at, record FROM ${timelineTable(schema, TIMELINE_ENTRIES_TABLE)}
        WHERE case_id = ${caseId} ORDER BY revision`.execute(this.db),
    ]);
    const found = scope.rows[0];
    if (found === undefined) return null;
    return {
      scope: { organisationUnitId: found.organisation_unit_id, districtId: found.district_id },
      entries: entries.rows.map(
        (row) =>
          ({
            caseId: row.case_id,
            revision: Number(row.revision),
            eventId: row.event_id,
            recordedAt: row.recorded_at,
            kind: row.kind,
            record: row.record,
          }) as TimelineEntryRecord,
      ),
    };
  }
}
