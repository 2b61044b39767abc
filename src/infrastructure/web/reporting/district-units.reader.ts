import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../database/database.schema';

export interface DistrictUnit {
  id: string;
  name: string;
}

/** The organisation units a report can be narrowed to: ids and names of the reader's district, no staff. */
export class DistrictUnitsReader {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async ofDistrict(districtId: string): Promise<DistrictUnit[]> {
    return this.db.selectFrom('kim_organisation_units').select(['id', 'name']).where('district_id', '=', districtId).orderBy('name').execute();
  }
}
