import { AuditTrailProjection } from './audit-trail/audit-trail.projection';
import { CASE_READ_MODEL_PROJECTIONS } from './case-read-models.catalog';
import { FundingReportProjection } from './funding-report/funding-report.projection';
import type { Projection } from './projection';

/**
 * Every read model of the application, for the service and for `rebuild-projections`. A new projection is
 * added here; its first start builds it, and a higher `version` later builds the new one beside the old.
 */
export const PROJECTION_CATALOG: readonly Projection[] = [new AuditTrailProjection(), ...CASE_READ_MODEL_PROJECTIONS, new FundingReportProjection()];
