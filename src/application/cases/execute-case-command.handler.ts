import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CaseCommand } from '../../domain/case/case.commands';
import { assertMayChangeCase } from '../../domain/case/access.policy';
import { decide } from '../../domain/case/case.decider';
import { ClientDataErasedError } from '../../domain/case/case.errors';
import { CASE_EVENT_SCHEMA_VERSIONS, type CaseEvent } from '../../domain/case/case.events';
import { type CaseState, evolve, initialState } from '../../domain/case/case.state';
import { WrongExpectedRevisionError } from '../ports/event-store.errors';
import { EVENT_STORE, type EventStore, type NewEvent, type RecordedEvent } from '../ports/event-store.port';
import { PERSONAL_DATA_VAULT, type PersonalDataVault } from '../ports/personal-data-vault.port';
import { CLOCK, type Clock } from '../ports/clock.port';
import { caseStreamId } from './case-stream';
import { eventIdFor } from './command-event-ids';
import { ExecuteCaseCommand, type CaseCommandResult } from './execute-case-command';
import { sealPersonalData } from './personal-data.sealing';

/** Unconditional commands re-decide on a concurrent change this often before giving up with a conflict. */
const MAX_ATTEMPTS = 3;

/**
 * The command path: load the case's stream, fold it, decide, seal personal data, append with the exact
 * revision that was decided on. The fold needs no plaintext: the state holds nothing personal.
 */
@CommandHandler(ExecuteCaseCommand)
export class ExecuteCaseCommandHandler implements ICommandHandler<ExecuteCaseCommand, CaseCommandResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ command, options }: ExecuteCaseCommand): Promise<CaseCommandResult> {
    const stream = caseStreamId(command.data.caseId);
    for (let attempt = 1; ; attempt++) {
      const recorded = await this.store.readStream(stream);
      const last = recorded.at(-1);
      const revision = last ? last.revision : -1;
      const earlier = alreadyRecorded(recorded, options.commandId);
      if (earlier) return { caseId: command.data.caseId, ...earlier };
      const state = fold(recorded);
      // Access before the revision: someone who may not act on the case learns nothing about it, not even its revision.
      if (state.opened) assertMayChangeCase(command.metadata.actor, state);
      if (options.expectedRevision !== undefined && options.expectedRevision !== revision) {
        throw new WrongExpectedRevisionError(stream, options.expectedRevision, last ? revision : 'no_stream');
      }
      if (command.type === 'EraseClientData' && state.opened && state.erased) {
        // A repeat after a failure between the erasure event and the key's destruction finishes the job.
        await this.eraseKey(command, state.clientId);
        throw new ClientDataErasedError();
      }
      const events = decide(command, state);
      if (events.length === 0) {
        return { caseId: command.data.caseId, revision, checkpoint: last?.checkpoint ?? null, events: [] };
      }
      const clientId = command.type === 'OpenCase' ? command.data.clientId : (state as { clientId: string }).clientId;
      const toAppend = await Promise.all(events.map((event, index) => this.toNewEvent(event, index, clientId, command, options)));
      try {
        const result = await this.store.append(stream, toAppend, last ? revision : 'no_stream');
        if (command.type === 'EraseClientData') await this.eraseKey(command, clientId);
        return {
          caseId: command.data.caseId,
          revision: result.nextExpectedRevision,
          checkpoint: result.checkpoint,
          events: events.map((e) => e.type),
        };
      } catch (error) {
        const retry = error instanceof WrongExpectedRevisionError && options.expectedRevision === undefined && attempt < MAX_ATTEMPTS;
        if (!retry) throw error;
      }
    }
  }

  /** The erasure event is appended while the key still exists (its reason is sealed with it), then the key goes. */
  private async eraseKey(command: Extract<CaseCommand, { type: 'EraseClientData' }>, clientId: string): Promise<void> {
    await this.vault.erase(clientId, {
      erasedAt: this.clock.now(),
      erasedBy: command.data.decidedBy,
      legalBasis: command.data.legalBasis,
    });
  }

  private async toNewEvent(
    event: CaseEvent,
    index: number,
    clientId: string,
    command: CaseCommand,
    options: ExecuteCaseCommand['options'],
  ): Promise<NewEvent> {
    const id = eventIdFor(options.commandId, index);
    const { actor } = command.metadata;
    return {
      id,
      type: event.type,
      schemaVersion: CASE_EVENT_SCHEMA_VERSIONS[event.type],
      data: await sealPersonalData(this.vault, clientId, id, event.type, event.data),
      metadata: {
        occurredAt: command.metadata.now,
        actor: { userId: actor.userId, role: actor.role, organisationUnitId: actor.organisationUnitId, districtId: actor.districtId },
        correlationId: options.correlationId,
        causationId: options.commandId,
      },
    };
  }
}

/** The answer a command gave when its events are already in the stream: a retry changes nothing. */
function alreadyRecorded(
  recorded: readonly RecordedEvent[],
  commandId: string,
): Omit<CaseCommandResult, 'caseId'> | null {
  const first = recorded.findIndex((e) => e.id === eventIdFor(commandId, 0));
  if (first < 0) return null;
  let last = first;
  while (last + 1 < recorded.length && recorded[last + 1].id === eventIdFor(commandId, last + 1 - first)) last++;
  const batch = recorded.slice(first, last + 1);
  return { revision: recorded[last].revision, checkpoint: recorded[last].checkpoint, events: batch.map((e) => e.type) };
}

export function fold(recorded: readonly RecordedEvent[]): CaseState {
  return recorded.reduce<CaseState>((state, e) => evolve(state, { type: e.type, data: e.data } as CaseEvent), initialState());
}
