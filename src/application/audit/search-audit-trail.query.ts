import { Query } from '@nestjs/cqrs';
import type { Actor } from '../../domain/case/access.policy';
import type { AuditTrailFilter, AuditTrailPage } from './audit-trail.port';

export type AuditTrailCriteria = Omit<AuditTrailFilter, 'districtId'>;

/** Who did or read what in which case, newest first, within the reader's reach. */
export class SearchAuditTrailQuery extends Query<AuditTrailPage> {
  constructor(
    readonly reader: Actor,
    readonly criteria: AuditTrailCriteria,
    readonly page: { limit: number; cursor: string | null },
  ) {
    super();
  }
}
