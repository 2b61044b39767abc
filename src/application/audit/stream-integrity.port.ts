/** The hash chain of one stream checked against what is stored (not upcast): see docs/decisions/0004. */
export interface StreamIntegrityReport {
  streamId: string;
  eventsChecked: number;
  ok: boolean;
  /** The first event whose stored hash does not follow from its content and its predecessor. */
  firstBroken: { revision: number; eventId: string; problem: 'hash_mismatch' | 'revision_gap' | 'wrong_stream' } | null;
}

export interface StreamIntegrity {
  verifyStream(streamId: string): Promise<StreamIntegrityReport>;
}

export const STREAM_INTEGRITY = Symbol('StreamIntegrity');
