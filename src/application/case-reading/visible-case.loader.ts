import { Inject, Injectable } from '@nestjs/common';
import { type Actor, caseReadAccess } from '../../domain/case/access.policy';
import { CaseNotFoundError } from '../../domain/case/case.errors';
import type { OpenedCaseState } from '../../domain/case/case.state';
import { caseStreamId } from '../cases/case-stream';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../ports/event-store.port';
import { fold } from '../cases/execute-case-command.handler';

export interface VisibleCase {
  /** The whole stream, forwards from revision 0. */
  events: readonly RecordedEvent[];
  /** The case as it is now: it decides who may read it, whatever point of its history is asked for. */
  current: OpenedCaseState;
  /** How this reader sees personal data. */
  personalData: 'plain' | 'masked';
}

/**
 * A case as one reader may see it. A case that does not exist and one the reader may not see are the same
 * answer (not found), so nobody learns which case ids exist outside their reach.
 */
@Injectable()
export class VisibleCaseLoader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(caseId: string, reader: Actor): Promise<VisibleCase> {
    const events = await this.store.readStream(caseStreamId(caseId));
    const current = fold(events);
    if (!current.opened) throw new CaseNotFoundError();
    const access = caseReadAccess(reader, { organisationUnitId: current.organisationUnitId, districtId: current.districtId });
    if (access === 'none') throw new CaseNotFoundError();
    return { events, current, personalData: access === 'full' ? 'plain' : 'masked' };
  }
}
