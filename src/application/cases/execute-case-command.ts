import type { CaseCommand } from '../../domain/case/case.commands';

export interface CaseCommandOptions {
  /** Unique per command; a retried request repeats it (derived from its Idempotency-Key). */
  commandId: string;
  correlationId: string;
  /** From If-Match: the command applies only to this revision of the case. */
  expectedRevision?: number;
}

export interface CaseCommandResult {
  caseId: string;
  /** The case's revision after the command; the ETag for the next conditional command. */
  revision: number;
  /** The log position of the last event; a query can wait for the read models to reach it. */
  checkpoint: string | null;
  /** The types of the events the command recorded, in order; empty when it changed nothing. */
  events: string[];
}

/** Routed by the CommandBus to ExecuteCaseCommandHandler. */
export class ExecuteCaseCommand {
  constructor(
    readonly command: CaseCommand,
    readonly options: CaseCommandOptions,
  ) {}
}
