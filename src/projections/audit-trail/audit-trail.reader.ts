import type { Kysely } from 'kysely';
import type { AuditTrailFilter, AuditTrailPage, AuditTrailReader } from '../../application/audit/audit-trail.port';
import type { ReadModelLocator } from '../read/read-model.locator';
import { AUDIT_TRAIL_PROJECTION } from './audit-trail.projection';
import { searchAuditTrail } from './audit-trail.table';

/**
 * Searches the active generation of the audit trail. Before its first build has caught up the locator refuses
 * (`ReadModelNotReadyError`): an empty answer would tell an auditor that nobody read anything.
 */
export class PostgresAuditTrailReader implements AuditTrailReader {
  constructor(
    private readonly db: Kysely<unknown>,
    private readonly locator: ReadModelLocator,
  ) {}

  search(filter: AuditTrailFilter, page: { limit: number; cursor: string | null }): Promise<AuditTrailPage> {
    return this.locator.read(AUDIT_TRAIL_PROJECTION, (model) => searchAuditTrail(this.db, model.schema, filter, page, model.version));
  }
}
