import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EventNotInCaseError, NothingToRevealError, RevealSelectionRequiredError } from '../../domain/audit/case-access.errors';
import { eventTypeLabel } from '../../domain/audit/event-type.labels';
import { CaseAccessRecorder } from '../audit/case-access.recorder';
import { PERSONAL_DATA_VAULT, type PersonalDataVault } from '../ports/personal-data-vault.port';
import { checkedAccessReason } from './access-reason.check';
import { openSelectedPersonalData, sealedPaths } from './personal-data.selection';
import { RevealPersonalDataQuery, type RevealedPersonalData } from './reveal-personal-data.query';
import { readScopedVault } from './read-scoped.vault';
import { VisibleCaseLoader } from './visible-case.loader';

@QueryHandler(RevealPersonalDataQuery)
export class RevealPersonalDataHandler implements IQueryHandler<RevealPersonalDataQuery> {
  constructor(
    @Inject(VisibleCaseLoader) private readonly cases: VisibleCaseLoader,
    @Inject(CaseAccessRecorder) private readonly recorder: CaseAccessRecorder,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ caseId, reader, selection, reason, request }: RevealPersonalDataQuery): Promise<RevealedPersonalData> {
    const vault = readScopedVault(this.vault);
    if (selection.fields.length === 0 && selection.eventIds.length === 0) throw new RevealSelectionRequiredError();
    const visible = await this.cases.load(caseId, reader);
    const eventIds = new Set(selection.eventIds);
    const known = new Set(visible.events.map((event) => event.id));
    if ([...eventIds].some((id) => !known.has(id))) throw new EventNotInCaseError();
    const statedReason = await checkedAccessReason(vault, reason, visible.events);

    const fields = new Set(selection.fields);
    const chosen = visible.events
      .filter((event) => eventIds.size === 0 || eventIds.has(event.id))
      .map((event) => ({ event, paths: sealedPaths(event.type, event.data).filter((path) => fields.size === 0 || fields.has(path)) }))
      .filter(({ paths }) => paths.length > 0);
    if (chosen.length === 0) throw new NothingToRevealError();

    await this.recorder.record({
      caseId,
      reader,
      request,
      access: 'reveal',
      view: 'personal_data',
      asOf: null,
      atRevision: null,
      personalData: 'revealed',
      reason: statedReason,
      revealed: chosen.map(({ event, paths }) => ({ eventId: event.id, fields: paths })),
    });
    const events = await Promise.all(
      chosen.map(async ({ event, paths }) => ({
        eventId: event.id,
        revision: event.revision,
        type: event.type,
        label: eventTypeLabel(event.type),
        fields: paths,
        data: await openSelectedPersonalData(vault, event.id, event.type, event.data, new Set(paths)),
      })),
    );
    return { caseId, reason: statedReason, events };
  }
}
