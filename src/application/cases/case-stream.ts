import { CaseNotFoundError } from '../../domain/case/case.errors';

/** One stream per case: the consistency boundary of every case command. */
export const CASE_STREAM_PREFIX = 'case-';

/**
 * Beside it, one stream per case for the records of who read it (docs/decisions/0007-audit-trail.md). Its
 * name starts like a case stream's, so no case id may start with `access-` (`caseStreamId` refuses one).
 */
export const CASE_ACCESS_STREAM_PREFIX = 'case-access-';

/** Case ids come from the server, so only a made-up id meets this: no such case can exist. */
export class ReservedCaseIdError extends CaseNotFoundError {}

export function caseStreamId(caseId: string): string {
  const streamId = `${CASE_STREAM_PREFIX}${caseId}`;
  if (streamId.startsWith(CASE_ACCESS_STREAM_PREFIX)) throw new ReservedCaseIdError();
  return streamId;
}

/** The case of a case stream; null for any other stream, access streams included. */
export function caseIdOfStream(streamId: string): string | null {
  if (!streamId.startsWith(CASE_STREAM_PREFIX) || streamId.startsWith(CASE_ACCESS_STREAM_PREFIX)) return null;
  return streamId.slice(CASE_STREAM_PREFIX.length);
}

export function caseAccessStreamId(caseId: string): string {
  return `${CASE_ACCESS_STREAM_PREFIX}${caseId}`;
}

export function caseIdOfAccessStream(streamId: string): string | null {
  return streamId.startsWith(CASE_ACCESS_STREAM_PREFIX) ? streamId.slice(CASE_ACCESS_STREAM_PREFIX.length) : null;
}
