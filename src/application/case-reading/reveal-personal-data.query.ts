import { Query } from '@nestjs/cqrs';
import type { Actor } from '../../domain/case/access.policy';
import type { AccessRequest } from '../audit/case-access.recorder';

export interface RevealSelection {
  /** Registry paths (`client.personal`, `note`, `needs[].note`); empty: every personal field. */
  fields: readonly string[];
  /** Entries of the case; empty: every entry. At least one of the two lists must name something. */
  eventIds: readonly string[];
}

export interface RevealedEvent {
  eventId: string;
  revision: number;
  type: string;
  label: string;
  /** The paths shown in plain text; every other personal field of the entry stays masked. */
  fields: string[];
  data: unknown;
}

export interface RevealedPersonalData {
  caseId: string;
  reason: string;
  events: RevealedEvent[];
}

/** An auditor sees chosen personal fields in plain text, for a stated reason that the `reveal` record keeps. */
export class RevealPersonalDataQuery extends Query<RevealedPersonalData> {
  constructor(
    readonly caseId: string,
    readonly reader: Actor,
    readonly selection: RevealSelection,
    readonly reason: string,
    readonly request: AccessRequest,
  ) {
    super();
  }
}
