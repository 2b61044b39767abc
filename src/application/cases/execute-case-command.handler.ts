import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CaseCommand } from '../../domain/case/case.commands';
import { assertMayChangeCase } from '../../domain/case/access.policy';
import { decide } from '../../domain/case/case.decider';
import { ClientDataErasedError } from '../../domain/case/case.errors';
import { CASE_EVENT_SCHEMA_VERSIONS, type CaseEvent } from '../../domain/case/case.events';
import { type CaseState, evolve, initialState } from '../../domain/case/case.state';
import { WrongExpectedRevisionError } from '../ports/event-store.errors';
import { type AppendResult, EVENT_STORE, type EventStore, type NewEvent, type RecordedEvent } from '../ports/event-store.port';
import { PERSONAL_DATA_VAULT, type PersonalDataVault } from '../ports/personal-data-vault.port';
import { CLOCK, type Clock } from '../ports/clock.port';
import { CaseStateCache, type KnownCase, unknownCase } from './case-state.cache';
import { caseStreamId } from './case-stream';
import { eventIdFor } from './command-event-ids';
import { ExecuteCaseCommand, type CaseCommandOptions, type CaseCommandResult } from './execute-case-command';
import { sealPersonalData } from './personal-data.sealing';

/** Unconditional commands re-decide on a concurrent change this often before giving up with a conflict. */
const MAX_ATTEMPTS = 3;

/**
 * The command path: load the case's stream, fold it, decide, seal personal data, append with the exact
 * revision that was decided on. The fold needs no plaintext: the state holds nothing personal.
 *
 * The state this process folded last time is kept per case (`CaseStateCache`). A command is first decided on it
 * without reading, and appended with its revision: if another writer has appended meanwhile, the append fails
 * and nothing is written. Then, and for every refusal, the command is decided again on the stream as read now
 * (only the events appended since the cached state). So a long case costs no more than a short one, and a state
 * another writer has moved past never decides what is stored or refused.
 */
@CommandHandler(ExecuteCaseCommand)
export class ExecuteCaseCommandHandler implements ICommandHandler<ExecuteCaseCommand, CaseCommandResult> {
  private readonly cache = new CaseStateCache();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ command, options }: ExecuteCaseCommand): Promise<CaseCommandResult> {
    const stream = caseStreamId(command.data.caseId);
    // Erasure is rare and has a side effect after its append: it always works on the stream as read now.
    const cached = command.type === 'EraseClientData' ? undefined : this.cache.get(stream);
    if (cached !== undefined) {
      // Decided on the state this process saw last, without reading. Only an append may answer from it: its exact
      // expected revision proves the state was current. A refusal (or a conflict) is decided again below on the
      // stream as it is now, so a state another writer has moved past never refuses a command.
      const appended = await this.attempt(command, options, stream, cached).catch(() => null);
      if (appended !== null && appended.events.length > 0) return appended;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(command, options, stream, await this.load(stream));
      } catch (error) {
        const retry = error instanceof WrongExpectedRevisionError && options.expectedRevision === undefined && attempt < MAX_ATTEMPTS;
        if (!retry) throw error;
      }
    }
  }

  /** Decides on `known` and appends with its revision; a conflict drops the cached state, so the next read is whole. */
  private async attempt(command: CaseCommand, options: CaseCommandOptions, stream: string, known: KnownCase): Promise<CaseCommandResult> {
    const { state, revision } = known;
    const earlier = await this.earlierAnswer(stream, known, options.commandId);
    if (earlier) return { caseId: command.data.caseId, ...earlier };
    // Access before the revision: someone who may not act on the case learns nothing about it, not even its revision.
    if (state.opened) assertMayChangeCase(command.metadata.actor, state);
    if (options.expectedRevision !== undefined && options.expectedRevision !== revision) {
      throw new WrongExpectedRevisionError(stream, options.expectedRevision, revision >= 0 ? revision : 'no_stream');
    }
    if (command.type === 'EraseClientData' && state.opened && state.erased) {
      // A repeat after a failure between the erasure event and the key's destruction finishes the job.
      await this.eraseKey(command, state.clientId);
      throw new ClientDataErasedError();
    }
    const events = decide(command, state);
    if (events.length === 0) {
      return { caseId: command.data.caseId, revision, checkpoint: known.checkpoint, events: [] };
    }
    const clientId = command.type === 'OpenCase' ? command.data.clientId : (state as { clientId: string }).clientId;
    const toAppend = await Promise.all(events.map((event, index) => this.toNewEvent(event, index, clientId, command, options)));
    let result: AppendResult;
    try {
      result = await this.store.append(stream, toAppend, revision >= 0 ? revision : 'no_stream');
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) this.cache.forget(stream);
      throw error;
    }
    if (command.type === 'EraseClientData') {
      // Nothing of an erased client's case stays in memory longer than the command that erased it.
      this.cache.forget(stream);
      await this.eraseKey(command, clientId);
    } else {
      this.remember(stream, known, toAppend, result);
    }
    return {
      caseId: command.data.caseId,
      revision: result.nextExpectedRevision,
      checkpoint: result.checkpoint,
      events: events.map((e) => e.type),
    };
  }

  /** The case as stored now: the cached state brought up to date with the events appended since, or a full read. */
  private async load(stream: string): Promise<KnownCase> {
    const cached = this.cache.get(stream);
    const recorded = await this.store.readStream(stream, cached ? { fromRevision: cached.revision + 1 } : undefined);
    if (cached && recorded.length === 0) return cached;
    const known = caughtUp(cached ?? unknownCase(), recorded);
    if (known.revision >= 0) this.cache.offer(stream, known);
    return known;
  }

  /**
   * The answer of an earlier run of this command, when its events are in the stream. Its first event id being
   * known is rare (a retried request), so only then is the whole stream read to find the answer.
   */
  private async earlierAnswer(stream: string, known: KnownCase, commandId: string): Promise<Omit<CaseCommandResult, 'caseId'> | null> {
    if (!known.eventIds.has(eventIdFor(commandId, 0))) return null;
    return alreadyRecorded(await this.store.readStream(stream), commandId);
  }

  /** After our own append: the state we decided on plus our events is the stream's state, no read needed. */
  private remember(stream: string, decidedOn: KnownCase, appended: readonly NewEvent[], result: AppendResult): void {
    // A retry the store recognised, or a revision we cannot account for: let the next command read instead.
    if (!result.written || result.nextExpectedRevision !== decidedOn.revision + appended.length) {
      this.cache.forget(stream);
      return;
    }
    for (const event of appended) decidedOn.eventIds.add(event.id);
    this.cache.offer(stream, {
      state: appended.reduce(evolveStored, decidedOn.state),
      revision: result.nextExpectedRevision,
      checkpoint: result.checkpoint,
      eventIds: decidedOn.eventIds,
    });
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
    options: CaseCommandOptions,
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
  return recorded.reduce<CaseState>(evolveStored, initialState());
}

/** Folds events as stored (personal fields sealed): the state never depends on plaintext. */
function evolveStored(state: CaseState, event: { type: string; data: unknown }): CaseState {
  return evolve(state, { type: event.type, data: event.data } as CaseEvent);
}

function caughtUp(known: KnownCase, recorded: readonly RecordedEvent[]): KnownCase {
  const last = recorded.at(-1);
  if (last === undefined) return known;
  for (const event of recorded) known.eventIds.add(event.id);
  return { state: recorded.reduce(evolveStored, known.state), revision: last.revision, checkpoint: last.checkpoint, eventIds: known.eventIds };
}
