import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { auditReach } from '../../domain/audit/audit.policy';
import { VisibleCaseLoader } from '../case-reading/visible-case.loader';
import { caseAccessStreamId, caseStreamId } from '../cases/case-stream';
import { STREAM_INTEGRITY, type StreamIntegrity } from './stream-integrity.port';
import { type CaseIntegrity, VerifyCaseIntegrityQuery } from './verify-case-integrity.query';

@QueryHandler(VerifyCaseIntegrityQuery)
export class VerifyCaseIntegrityHandler implements IQueryHandler<VerifyCaseIntegrityQuery> {
  constructor(
    @Inject(VisibleCaseLoader) private readonly cases: VisibleCaseLoader,
    @Inject(STREAM_INTEGRITY) private readonly integrity: StreamIntegrity,
  ) {}

  async execute({ caseId, reader }: VerifyCaseIntegrityQuery): Promise<CaseIntegrity> {
    auditReach(reader);
    await this.cases.load(caseId, reader);
    const [caseReport, accessReport] = await Promise.all([
      this.integrity.verifyStream(caseStreamId(caseId)),
      this.integrity.verifyStream(caseAccessStreamId(caseId)),
    ]);
    return { caseId, ok: caseReport.ok && accessReport.ok, case: caseReport, accessLog: accessReport };
  }
}
