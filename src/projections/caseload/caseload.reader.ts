import { type Kysely, type RawBuilder, sql } from 'kysely';
import {
  CASELOAD_PROJECTION,
  type CaseloadCriteria,
  type CaseloadPage,
  type CaseloadReadModel,
  type CaseloadSort,
} from '../../application/caseload/caseload-read-model.port';
import type { ReadModelLocator } from '../read/read-model.locator';
import { caseloadFrom, caseloadTable, fromStoredCaseloadRow, SELECT_CASELOAD_ROW, type StoredCaseloadRow } from './caseload.table';

/** Every order ends in the case id, so pages never overlap or skip a case when dates are equal. */
const ORDER: Record<CaseloadSort, RawBuilder<unknown>> = {
  // Matches the indexes of open cases: a page is the first rows of an index range, without sorting the scope.
  urgency: sql`m.urgent_from ASC NULLS LAST, m.case_id`,
  openedOn: sql`m.opened_on ASC, m.case_id`,
  '-openedOn': sql`m.opened_on DESC, m.case_id`,
  lastContactOn: sql`m.last_contact_on ASC NULLS FIRST, m.case_id`,
  '-lastContactOn': sql`m.last_contact_on DESC NULLS LAST, m.case_id`,
};

/** The caseload read model in the active generation of the `caseload` projection. */
export class CaseloadReader implements CaseloadReadModel {
  constructor(
    private readonly db: Kysely<unknown>,
    private readonly locator: ReadModelLocator,
  ) {}

  find(criteria: CaseloadCriteria): Promise<CaseloadPage> {
    return this.locator.read(CASELOAD_PROJECTION, ({ schema }) => this.findIn(schema, criteria));
  }

  private async findIn(schema: string, criteria: CaseloadCriteria): Promise<CaseloadPage> {
    const where = sql.join(conditions(criteria), sql` AND `);
    const [count, page] = await Promise.all([
      sql<{ total: string }>`SELECT count(*) AS total FROM ${caseloadTable(schema)} AS m WHERE ${where}`.execute(this.db),
      sql<StoredCaseloadRow>`
        SELECT ${SELECT_CASELOAD_ROW} FROM ${caseloadFrom(schema)} WHERE ${where}
        ORDER BY ${ORDER[criteria.sort]} LIMIT ${criteria.limit} OFFSET ${criteria.offset}`.execute(this.db),
    ]);
    return { total: Number(count.rows[0].total), rows: page.rows.map(fromStoredCaseloadRow) };
  }
}

function conditions(c: CaseloadCriteria): RawBuilder<unknown>[] {
  const where = [sql`m.district_id = ${c.districtId}`];
  if (c.organisationUnitId !== null) where.push(sql`m.organisation_unit_id = ${c.organisationUnitId}`);
  if (c.caseManagerId !== null) where.push(sql`m.case_manager_id = ${c.caseManagerId}`);
  if (c.phase !== null) where.push(sql`m.phase = ${c.phase}`);
  if (c.status === 'open') where.push(sql`m.phase <> 'closed'`);
  if (c.status === 'closed') where.push(sql`m.phase = 'closed'`);
  if (c.residenceCategory !== null) where.push(sql`m.residence_category = ${c.residenceCategory}`);
  if (c.jurisdiction !== null) where.push(sql`m.jurisdiction = ${c.jurisdiction}`);
  // An overdue follow-up makes a case urgent, so `urgent_from <= today` holds too and narrows the index range; a
  // closed case has no next follow-up and no urgency (see caseload.row.ts).
  if (c.overdueOnly) where.push(sql`m.urgent_from <= ${c.today}::date AND m.next_follow_up_on < ${c.today}::date`);
  if (c.expiringPermitsOnly) where.push(sql`m.phase <> 'closed' AND m.permit_valid_until <= ${c.permitWarningUntil}::date`);
  return where;
}
