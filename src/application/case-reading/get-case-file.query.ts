import { Query } from '@nestjs/cqrs';
import type { Actor } from '../../domain/case/access.policy';
import type { CaseState } from '../../domain/case/case.state';
import type { AccessRequest } from '../audit/case-access.recorder';
import type { PresentedEvent } from './case-event.presenter';
import type { CasePoint } from './case-replay';

export interface CaseFile {
  caseId: string;
  /** The revision of the last event included. */
  revision: number;
  point: CasePoint;
  personalData: 'plain' | 'masked';
  state: CaseState;
  events: PresentedEvent[];
}

/** The case file now, or as it was at an instant or revision; the read is recorded as a `view`. */
export class GetCaseFileQuery extends Query<CaseFile> {
  constructor(
    readonly caseId: string,
    readonly reader: Actor,
    readonly point: CasePoint,
    readonly reason: string | null,
    readonly request: AccessRequest,
  ) {
    super();
  }
}
