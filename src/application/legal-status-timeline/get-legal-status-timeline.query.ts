import type { Actor } from '../../domain/case/access.policy';
import type { AccessRequest } from '../audit/case-access.recorder';
import type { Checkpoint } from '../ports/event-store.port';
import type { LegalStatusTimelineView } from './legal-status-timeline.view';

export interface LegalStatusTimelineAnswer extends LegalStatusTimelineView {
  /** With `waitFor`: whether the timeline had applied it; false when the wait timed out and it may lag. */
  caughtUp: boolean | null;
}

/** Routed by the QueryBus to GetLegalStatusTimelineHandler. */
export class GetLegalStatusTimelineQuery {
  constructor(
    readonly reader: Actor,
    readonly caseId: string,
    /** Identifies the read in the audit trail: a retry of the same request is recorded once. */
    readonly request: AccessRequest,
    /** Wait until the timeline has applied this checkpoint (a command's answer) before reading. */
    readonly waitFor: Checkpoint | null = null,
  ) {}
}
