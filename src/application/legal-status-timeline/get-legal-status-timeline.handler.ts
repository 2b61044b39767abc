import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { caseReadAccess, ROLE_ACCESS } from '../../domain/case/access.policy';
import { CaseAccessRecorder } from '../audit/case-access.recorder';
import { CaseNotFoundError } from '../../domain/case/case.errors';
import { germanCalendarDate } from '../../domain/time/instant.value';
import { CLOCK, type Clock } from '../ports/clock.port';
import { READ_MODEL_WAIT, type ReadModelWait } from '../ports/read-model-wait.port';
import { GetLegalStatusTimelineQuery, type LegalStatusTimelineAnswer } from './get-legal-status-timeline.query';
import {
  LEGAL_STATUS_TIMELINE_PROJECTION,
  LEGAL_STATUS_TIMELINE_READ_MODEL,
  type LegalStatusTimelineReadModel,
} from './legal-status-timeline-read-model.port';
import { CaseHistoryNotPermittedError } from './legal-status-timeline.errors';
import { legalStatusTimeline } from './legal-status-timeline.view';

/**
 * One case's residence statuses and jurisdiction changes. A case the reader may not see answers exactly like
 * one that does not exist, so the answer never tells whether another unit has a case of that id. The timeline
 * holds no personal data, so auditors see it as it is. Like every read of a case by a person, it is recorded
 * in the case's access stream before it is answered: a read that cannot be recorded does not happen.
 */
@QueryHandler(GetLegalStatusTimelineQuery)
export class GetLegalStatusTimelineHandler implements IQueryHandler<GetLegalStatusTimelineQuery, LegalStatusTimelineAnswer> {
  constructor(
    @Inject(LEGAL_STATUS_TIMELINE_READ_MODEL) private readonly timelines: LegalStatusTimelineReadModel,
    @Inject(READ_MODEL_WAIT) private readonly wait: ReadModelWait,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CaseAccessRecorder) private readonly recorder: CaseAccessRecorder,
  ) {}

  async execute({ reader, caseId, request, waitFor }: GetLegalStatusTimelineQuery): Promise<LegalStatusTimelineAnswer> {
    const access = Object.prototype.hasOwnProperty.call(ROLE_ACCESS, reader.role) ? ROLE_ACCESS[reader.role] : undefined;
    if (access === undefined || access.read === 'none') throw new CaseHistoryNotPermittedError(String(reader.role));
    const caughtUp = waitFor === null ? null : await this.wait.untilApplied(LEGAL_STATUS_TIMELINE_PROJECTION, waitFor);
    const found = await this.timelines.find(caseId);
    if (found === null || caseReadAccess(reader, found.scope) === 'none') throw new CaseNotFoundError();
    await this.recorder.record({
      caseId,
      reader,
      request,
      access: 'view',
      view: 'legal_status_timeline',
      asOf: null,
      atRevision: null,
      // Whatever the reader is entitled to, the timeline shows nothing personal in plain text.
      personalData: 'masked',
      reason: null,
      revealed: [],
    });
    return { ...legalStatusTimeline(caseId, found.entries, germanCalendarDate(this.clock.now().getTime())), caughtUp };
  }
}
