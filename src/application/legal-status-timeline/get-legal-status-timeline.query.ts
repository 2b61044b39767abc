import type { Actor } from '../../domain/case/access.policy';
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
    /** Wait until the timeline has applied this checkpoint (a command's answer) before reading. */
    readonly waitFor: Checkpoint | null = null,
  ) {}
}
