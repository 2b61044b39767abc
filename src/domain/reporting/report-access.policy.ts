import type { Actor, Role } from '../case/access.policy';
import type { ReportScope } from './funding-measures.model';
import { ReportNotPermittedError } from './reporting.errors';

/** privacy-and-access.md: aggregated reports for reporting, and for coordination and auditors of the district. */
export const FUNDING_REPORT_READERS = ['reporting', 'coordination', 'auditor'] as const satisfies readonly Role[];

/**
 * The scope a reader may request: always their own district (every account belongs to one), the whole of it
 * or one of its units. Whether the unit lies in that district is checked against the directory.
 */
export function fundingReportScopeFor(reader: Actor, organisationUnitId: string | null): ReportScope {
  if (!(FUNDING_REPORT_READERS as readonly string[]).includes(reader.role)) throw new ReportNotPermittedError();
  return { districtId: reader.districtId, organisationUnitId };
}
