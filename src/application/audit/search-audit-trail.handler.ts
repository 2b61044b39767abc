import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { auditReach } from '../../domain/audit/audit.policy';
import { AUDIT_TRAIL_READER, type AuditTrailPage, type AuditTrailReader } from './audit-trail.port';
import { SearchAuditTrailQuery } from './search-audit-trail.query';

@QueryHandler(SearchAuditTrailQuery)
export class SearchAuditTrailHandler implements IQueryHandler<SearchAuditTrailQuery> {
  constructor(@Inject(AUDIT_TRAIL_READER) private readonly trail: AuditTrailReader) {}

  async execute({ reader, criteria, page }: SearchAuditTrailQuery): Promise<AuditTrailPage> {
    const reach = auditReach(reader);
    return this.trail.search({ ...criteria, districtId: reach.kind === 'district' ? reach.districtId : undefined }, page);
  }
}
