import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { GetCaseFileQuery, type CaseFile } from '../../../application/case-reading/get-case-file.query';
import type { Principal } from '../../../application/identity/principal';
import { GetLegalStatusTimelineQuery, type LegalStatusTimelineAnswer } from '../../../application/legal-status-timeline/get-legal-status-timeline.query';
import type { LegalStatusTimelineView } from '../../../application/legal-status-timeline/legal-status-timeline.view';
import { CaseNotFoundError } from '../../../domain/case/case.errors';
import type { OpenedCaseState } from '../../../domain/case/case.state';
import { correlationIdFrom } from '../../http/correlation-id';
import { actorOf } from '../../http/read-models/reader.actor';
import { ReadModelNotReadyError } from '../../../projections/read/read-model.locator';

export interface LoadedCase {
  file: CaseFile;
  state: OpenedCaseState;
}

/**
 * The case as the pages read it, through the query handlers of the case-reading and read-model modules. Every
 * load is a recorded view of the case (the handler records it before answering), like a read through the API.
 */
@Injectable()
export class CaseReadingGateway {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  async load(caseId: string, principal: Principal, correlationId: string | undefined): Promise<LoadedCase> {
    const request = { requestId: randomUUID(), correlationId: correlationIdFrom(correlationId) };
    const file = await this.queries.execute(new GetCaseFileQuery(caseId, actorOf(principal), { kind: 'now' }, null, request));
    if (!file.state.opened) throw new CaseNotFoundError();
    return { file, state: file.state };
  }

  /**
   * The legal-status timeline, after waiting for the write that led here; null when its read model cannot be
   * read (not yet built, or behind): the page then shows the current status from the case itself.
   */
  async timeline(caseId: string, principal: Principal, waitFor: string | null, correlationId: string | undefined): Promise<LegalStatusTimelineView | null> {
    const request = { requestId: randomUUID(), correlationId: correlationIdFrom(correlationId) };
    try {
      const answer = await this.queries.execute<GetLegalStatusTimelineQuery, LegalStatusTimelineAnswer>(
        new GetLegalStatusTimelineQuery(actorOf(principal), caseId, request, waitFor),
      );
      return answer.caughtUp === false ? null : answer;
    } catch (error) {
      // Not built yet, or it has not seen this case yet: the case itself still has the current status.
      if (error instanceof CaseNotFoundError || error instanceof ReadModelNotReadyError) return null;
      throw error;
    }
  }
}
