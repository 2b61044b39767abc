import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PERMIT_EXPIRY_WARNING_DAYS } from '../../domain/residence-law/permit-validity.policy';
import { addDays } from '../../domain/time/calendar-date.value';
import { germanCalendarDate } from '../../domain/time/instant.value';
import { CLOCK, type Clock } from '../ports/clock.port';
import { PERSONAL_DATA_VAULT, type PersonalDataVault } from '../ports/personal-data-vault.port';
import { READ_MODEL_WAIT, type ReadModelWait } from '../ports/read-model-wait.port';
import { CASELOAD_PROJECTION, CASELOAD_READ_MODEL, type CaseloadReadModel } from './caseload-read-model.port';
import { caseloadScope } from './caseload-scope.policy';
import { CASELOAD_OPTIONS, type CaseloadOptions } from './caseload.options';
import { caseloadItem } from './caseload.view';
import { openClientName } from './client-name.opener';
import { type CaseloadView, GetCaseloadQuery } from './get-caseload.query';

/**
 * A reader's caseload: the scope from the role, the filters, one page in the requested order, each row's
 * flags for today and the client's name decrypted per row. Listing cases is not reading their content, so no
 * access is recorded per row; the names appear only in the answer.
 */
@QueryHandler(GetCaseloadQuery)
export class GetCaseloadHandler implements IQueryHandler<GetCaseloadQuery, CaseloadView> {
  constructor(
    @Inject(CASELOAD_READ_MODEL) private readonly caseloads: CaseloadReadModel,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    @Inject(READ_MODEL_WAIT) private readonly wait: ReadModelWait,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CASELOAD_OPTIONS) private readonly options: CaseloadOptions,
  ) {}

  async execute({ reader, request }: GetCaseloadQuery): Promise<CaseloadView> {
    const scope = caseloadScope(reader, request);
    const caughtUp = request.waitFor === null ? null : await this.wait.untilApplied(CASELOAD_PROJECTION, request.waitFor);
    const today = germanCalendarDate(this.clock.now().getTime());
    const page = await this.caseloads.find({
      ...scope,
      phase: request.phase,
      status: request.status,
      residenceCategory: request.residenceCategory,
      jurisdiction: request.jurisdiction,
      overdueOnly: request.overdueOnly,
      expiringPermitsOnly: request.expiringPermitsOnly,
      today,
      permitWarningUntil: addDays(today, PERMIT_EXPIRY_WARNING_DAYS),
      sort: request.sort,
      limit: request.limit,
      offset: request.offset,
    });
    const items = await Promise.all(
      page.rows.map(async (row) =>
        caseloadItem(row, await openClientName(this.vault, reader, row), { today, oldReferralAfterDays: this.options.oldReferralAfterDays }),
      ),
    );
    return { today, caughtUp, total: page.total, limit: request.limit, offset: request.offset, items };
  }
}
