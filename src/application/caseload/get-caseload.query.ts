import type { Actor } from '../../domain/case/access.policy';
import type { CasePhase } from '../../domain/case/case.phase';
import type { Jurisdiction } from '../../domain/residence-law/benefit-jurisdiction.vocabulary';
import type { ResidenceCategory } from '../../domain/residence-law/residence-status.taxonomy';
import type { CalendarDate } from '../../domain/time/calendar-date.value';
import type { Checkpoint } from '../ports/event-store.port';
import type { CaseloadSort, CaseloadStatus } from './caseload-read-model.port';
import type { CaseloadScopeRequest } from './caseload-scope.policy';
import type { CaseloadItem } from './caseload.view';

export interface CaseloadRequest extends CaseloadScopeRequest {
  phase: CasePhase | null;
  status: CaseloadStatus;
  residenceCategory: ResidenceCategory | null;
  jurisdiction: Jurisdiction | null;
  overdueOnly: boolean;
  expiringPermitsOnly: boolean;
  sort: CaseloadSort;
  limit: number;
  offset: number;
  /** Wait until the caseload has applied this checkpoint (a command's answer) before reading. */
  waitFor: Checkpoint | null;
}

/** No filter: the open cases of the reader's scope, most urgent first, a first page of 50. */
export const UNFILTERED_CASELOAD_REQUEST: Readonly<CaseloadRequest> = {
  mine: false,
  organisationUnitId: null,
  caseManagerId: null,
  phase: null,
  status: 'open',
  residenceCategory: null,
  jurisdiction: null,
  overdueOnly: false,
  expiringPermitsOnly: false,
  sort: 'urgency',
  limit: 50,
  offset: 0,
  waitFor: null,
};

export interface CaseloadView {
  /** The German calendar date the flags were computed for. */
  today: CalendarDate;
  /** With `waitFor`: whether the caseload had applied it; false when the wait timed out and the list may lag. */
  caughtUp: boolean | null;
  total: number;
  limit: number;
  offset: number;
  items: CaseloadItem[];
}

/** Routed by the QueryBus to GetCaseloadHandler. */
export class GetCaseloadQuery {
  constructor(
    readonly reader: Actor,
    readonly request: CaseloadRequest,
  ) {}
}
