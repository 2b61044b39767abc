import { Query } from '@nestjs/cqrs';
import type { Actor } from '../../domain/case/access.policy';
import type { StreamIntegrityReport } from './stream-integrity.port';

export interface CaseIntegrity {
  caseId: string;
  /** Both chains intact. */
  ok: boolean;
  case: StreamIntegrityReport;
  /** The records of who read the case are chained the same way and checked with it. */
  accessLog: StreamIntegrityReport;
}

/** Checks the hash chains of a case and of its access records. Shows no case data, so it records no read. */
export class VerifyCaseIntegrityQuery extends Query<CaseIntegrity> {
  constructor(
    readonly caseId: string,
    readonly reader: Actor,
  ) {
    super();
  }
}
