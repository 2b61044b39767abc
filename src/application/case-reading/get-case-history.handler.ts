import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CaseAccessRecorder } from '../audit/case-access.recorder';
import { PERSONAL_DATA_VAULT, type PersonalDataVault } from '../ports/personal-data-vault.port';
import { checkedAccessReason } from './access-reason.check';
import { presentEvent } from './case-event.presenter';
import { replaySteps } from './case-replay';
import { type CaseHistory, GetCaseHistoryQuery } from './get-case-history.query';
import { readScopedVault } from './read-scoped.vault';
import { VisibleCaseLoader } from './visible-case.loader';

@QueryHandler(GetCaseHistoryQuery)
export class GetCaseHistoryHandler implements IQueryHandler<GetCaseHistoryQuery> {
  constructor(
    @Inject(VisibleCaseLoader) private readonly cases: VisibleCaseLoader,
    @Inject(CaseAccessRecorder) private readonly recorder: CaseAccessRecorder,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ caseId, reader, reason, request }: GetCaseHistoryQuery): Promise<CaseHistory> {
    const vault = readScopedVault(this.vault);
    const visible = await this.cases.load(caseId, reader);
    await this.recorder.record({
      caseId,
      reader,
      request,
      access: 'view',
      view: 'history',
      asOf: null,
      atRevision: null,
      personalData: visible.personalData,
      reason: reason === null ? null : await checkedAccessReason(vault, reason, visible.events),
      revealed: [],
    });
    const entries = await Promise.all(
      replaySteps(visible.events).map(async ({ event, stateAfter }) => ({
        ...(await presentEvent(vault, event, visible.personalData)),
        stateAfter,
      })),
    );
    return { caseId, revision: visible.events.length - 1, personalData: visible.personalData, entries };
  }
}
