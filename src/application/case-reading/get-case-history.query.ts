import { Query } from '@nestjs/cqrs';
import type { Actor } from '../../domain/case/access.policy';
import type { CaseState } from '../../domain/case/case.state';
import type { AccessRequest } from '../audit/case-access.recorder';
import type { PresentedEvent } from './case-event.presenter';

export interface CaseHistoryEntry extends PresentedEvent {
  /** The case right after this entry. */
  stateAfter: CaseState;
}

export interface CaseHistory {
  caseId: string;
  revision: number;
  personalData: 'plain' | 'masked';
  entries: CaseHistoryEntry[];
}

/** The replay for auditors: every entry with its summary and the state it left; recorded as a `view`. */
export class GetCaseHistoryQuery extends Query<CaseHistory> {
  constructor(
    readonly caseId: string,
    readonly reader: Actor,
    readonly reason: string | null,
    readonly request: AccessRequest,
  ) {
    super();
  }
}
