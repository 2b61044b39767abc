import type { ReportingDirectory } from '../../application/reporting/reporting-directory.port';
import type { AccountsRepository } from '../identity/accounts.repository';

/** The installation's own districts and units (identity tables) name a report's scope. */
export class AccountsReportingDirectory implements ReportingDirectory {
  constructor(private readonly accounts: Pick<AccountsRepository, 'findDistrict' | 'findOrganisationUnit'>) {}

  async districtName(districtId: string): Promise<string | null> {
    return (await this.accounts.findDistrict(districtId))?.name ?? null;
  }

  async organisationUnit(organisationUnitId: string): Promise<{ name: string; districtId: string } | null> {
    const unit = await this.accounts.findOrganisationUnit(organisationUnitId);
    return unit === null ? null : { name: unit.name, districtId: unit.districtId };
  }
}
