import type { CaseEventOfType, CaseEventType } from './case.events';

/**
 * Which fields of each event hold personal data: identity, contact and address, and every free text (notes,
 * descriptions, summaries, reasons), since a case manager can write anything there. The application layer
 * encrypts exactly these with the client's own key before storing and erasure destroys that key; everything
 * else stays readable for decisions, projections and reports, so nothing here may be needed to decide.
 *
 * A path is a chain of field names; `name[]` steps into every element of an array. The type only admits
 * paths that exist in the event's data.
 */
type Leaf = string | number | boolean | null;

export type DataPath<T> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends readonly (infer Item)[]
    ? NonNullable<Item> extends Leaf
      ? `${K}[]`
      : `${K}[]` | `${K}[].${DataPath<NonNullable<Item>>}`
    : NonNullable<T[K]> extends Leaf
      ? K
      : K | `${K}.${DataPath<NonNullable<T[K]>>}`;
}[keyof T & string];

type Registry = { readonly [T in CaseEventType]: readonly DataPath<CaseEventOfType<T>['data']>[] };

export const PERSONAL_DATA_PATHS: Registry = {
  CaseOpened: ['client.personal'],
  ConsentRecorded: [],
  ConsentWithdrawn: [],
  NeedsAssessed: ['needs[].note'],
  GoalAgreed: ['text'],
  GoalReviewed: ['note'],
  GoalClosed: ['note'],
  CounsellingSessionHeld: ['note'],
  ReferralMade: ['reason'],
  ReferralOutcomeRecorded: [],
  LegalStatusChanged: [],
  JurisdictionChanged: [],
  FollowUpScheduled: ['note'],
  FollowUpDone: ['note'],
  ServiceGapReported: ['description'],
  CaseReassigned: ['reason'],
  CaseClosed: ['summary', 'reason'],
  CaseReopened: ['reason'],
  EntryCorrected: ['reason', 'correction'],
  ClientDataErased: ['reason'],
  CasePhaseChanged: ['reason'],
};

/** Thrown for an event type the registry does not know: storing it could leak personal data in plain text. */
export class UnregisteredEventTypeError extends Error {
  override readonly name = 'UnregisteredEventTypeError';
  constructor(readonly eventType: string) {
    super(`Event type ${eventType} has no entry in the personal-data registry`);
  }
}

export function personalDataPaths(eventType: string): readonly string[] {
  if (!Object.prototype.hasOwnProperty.call(PERSONAL_DATA_PATHS, eventType)) throw new UnregisteredEventTypeError(eventType);
  return PERSONAL_DATA_PATHS[eventType as CaseEventType];
}

/**
 * A copy of `data` with every registered personal value replaced by `transform(value, path)`: encrypt before
 * storing, decrypt after reading, or mask for an auditor. Works on stored data of any shape; absent and null
 * values are left alone (there is nothing to protect in "no note"). `data` itself is not changed.
 */
export function mapPersonalData(eventType: string, data: unknown, transform: (value: unknown, path: string) => unknown): unknown {
  return personalDataPaths(eventType).reduce((current, path) => mapPath(current, path.split('.'), path, transform), data);
}

function mapPath(value: unknown, segments: readonly string[], path: string, transform: (value: unknown, path: string) => unknown): unknown {
  if (value === null || value === undefined) return value;
  if (segments.length === 0) return transform(value, path);
  if (typeof value !== 'object' || Array.isArray(value)) return value;
  const [segment, ...rest] = segments;
  const isArray = segment.endsWith('[]');
  const key = isArray ? segment.slice(0, -2) : segment;
  const object = value as Record<string, unknown>;
  if (!Object.prototype.hasOwnProperty.call(object, key)) return value;
  const child = object[key];
  const mapped = isArray
    ? Array.isArray(child)
      ? child.map((item) => mapPath(item, rest, path, transform))
      : child
    : mapPath(child, rest, path, transform);
  return { ...object, [key]: mapped };
}
