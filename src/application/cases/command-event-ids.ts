import { v5 as uuidV5 } from 'uuid';

/** Our own namespace for name-based (version 5) UUIDs; fixed forever, since stored ids derive from it. */
const KIM_EVENT_ID_NAMESPACE = '0d3f7c2e-5b7a-4c39-9e4f-6a1f0b8d2c41';

/**
 * Event ids derive from the command id, so a retried command produces the same ids and the store recognises
 * the retry instead of appending twice.
 */
export function eventIdFor(commandId: string, index: number): string {
  return uuidV5(`${commandId}#${index}`, KIM_EVENT_ID_NAMESPACE);
}
