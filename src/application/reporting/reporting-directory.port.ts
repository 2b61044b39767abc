/** Names of districts and units for a report's heading, and which district a unit belongs to. */
export interface ReportingDirectory {
  districtName(districtId: string): Promise<string | null>;
  organisationUnit(organisationUnitId: string): Promise<{ name: string; districtId: string } | null>;
}

export const REPORTING_DIRECTORY = Symbol('ReportingDirectory');
