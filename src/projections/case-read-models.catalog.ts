import { CaseloadProjection } from './caseload/caseload.projection';
import { LegalStatusTimelineProjection } from './legal-status-timeline/legal-status-timeline.projection';
import type { Projection } from './projection';

/** The projections behind the caseload and the legal-status timeline, for the projection catalogue. */
export const CASE_READ_MODEL_PROJECTIONS: readonly Projection[] = [new CaseloadProjection(), new LegalStatusTimelineProjection()];
