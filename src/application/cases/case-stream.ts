/** One stream per case: the consistency boundary of every case command. */
export const CASE_STREAM_PREFIX = 'case-';

export function caseStreamId(caseId: string): string {
  return `${CASE_STREAM_PREFIX}${caseId}`;
}

export function caseIdOfStream(streamId: string): string | null {
  return streamId.startsWith(CASE_STREAM_PREFIX) ? streamId.slice(CASE_STREAM_PREFIX.length) : null;
}
