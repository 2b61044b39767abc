import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CaseAccessRecorder } from '../audit/case-access.recorder';
import { fold } from '../cases/execute-case-command.handler';
import { PERSONAL_DATA_VAULT, type PersonalDataVault } from '../ports/personal-data-vault.port';
import { checkedAccessReason } from './access-reason.check';
import { presentEvents } from './case-event.presenter';
import { eventsUpTo } from './case-replay';
import { type CaseFile, GetCaseFileQuery } from './get-case-file.query';
import { readScopedVault } from './read-scoped.vault';
import { VisibleCaseLoader } from './visible-case.loader';

@QueryHandler(GetCaseFileQuery)
export class GetCaseFileHandler implements IQueryHandler<GetCaseFileQuery> {
  constructor(
    @Inject(VisibleCaseLoader) private readonly cases: VisibleCaseLoader,
    @Inject(CaseAccessRecorder) private readonly recorder: CaseAccessRecorder,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ caseId, reader, point, reason, request }: GetCaseFileQuery): Promise<CaseFile> {
    const vault = readScopedVault(this.vault);
    const visible = await this.cases.load(caseId, reader);
    const events = eventsUpTo(visible.events, point);
    await this.recorder.record({
      caseId,
      reader,
      request,
      access: 'view',
      view: 'case_file',
      asOf: point.kind === 'as_of' ? point.asOf : null,
      atRevision: point.kind === 'at_revision' ? point.revision : null,
      personalData: visible.personalData,
      reason: reason === null ? null : await checkedAccessReason(vault, reason, visible.events),
      revealed: [],
    });
    return {
      caseId,
      revision: events.length - 1,
      point,
      personalData: visible.personalData,
      state: fold(events),
      events: await presentEvents(vault, events, visible.personalData),
    };
  }
}
