import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { type CaseCommandResult, ExecuteCaseCommand } from '../../../application/cases/execute-case-command';
import { CLOCK, type Clock } from '../../../application/ports/clock.port';
import { DuplicateEventIdError } from '../../../application/ports/event-store.errors';
import { IDEMPOTENCY_STORE, type IdempotencyStore, type StoredAnswer } from '../../../application/ports/idempotency.port';
import type { Actor } from '../../../domain/case/access.policy';
import { commandIdFor, derivedIdFor, IdempotencyKeyReusedError } from '../idempotency-key';
import type { CaseCommandAnswer } from './dto/case-command.answer';
import type { CommandContext, MappedCommand } from './case-command.mapper';
import { type CommandRequest, etagOf } from './command-request.decorator';

/** Tells a client (and a test) that the answer is the stored one of an earlier request with the same key. */
export const IDEMPOTENT_REPLAY_HEADER = 'Idempotent-Replayed';

export type SuccessStatus = 200 | 201;

/**
 * The HTTP side of one case command: idempotency, the conditional revision, metadata from the server's clock
 * and the principal, the CommandBus, and the headers of the answer. Controllers only map their body.
 *
 * Only successful answers are stored under an Idempotency-Key: a refused command appended nothing, so
 * repeating it is safe, and it is decided again on the case as it is then.
 */
@Injectable()
export class CaseCommandExecutor {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(IDEMPOTENCY_STORE) private readonly idempotency: IdempotencyStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(request: CommandRequest, status: SuccessStatus, map: (context: CommandContext) => MappedCommand): Promise<CaseCommandAnswer> {
    const { principal, idempotency } = request;
    if (idempotency !== null) {
      const earlier = await this.idempotency.find(principal.userId, idempotency.key);
      if (earlier !== null) return this.replay(request, earlier);
    }
    // With a key, ids derive from it: a retry whose first answer was lost names the same case, goal, events.
    const commandId = idempotency === null ? randomUUID() : commandIdFor(principal.userId, idempotency.key);
    const newId = idempotency === null ? () => randomUUID() : (purpose: string) => derivedIdFor(commandId, purpose);
    const { command, created } = map({ metadata: { now: this.clock.now().toISOString(), actor: actorOf(principal) }, newId });

    const options = { commandId, correlationId: request.correlationId, expectedRevision: request.expectedRevision };
    const result = await this.run(new ExecuteCaseCommand(command, options), idempotency !== null);
    const { caseId, revision, checkpoint, events } = result;
    const answer: CaseCommandAnswer = { caseId, revision, checkpoint, events, ...created };
    if (idempotency === null) return this.respond(request, status, answer);

    const stored = await this.idempotency.save(
      principal.userId,
      idempotency.key,
      { requestHash: idempotency.requestHash, statusCode: status, body: answer },
      this.clock.now(),
    );
    // A concurrent request with the same key may have stored its answer first; with the same body it is this one.
    if (stored.requestHash !== idempotency.requestHash) throw new IdempotencyKeyReusedError();
    return this.respond(request, stored.statusCode as SuccessStatus, stored.body as CaseCommandAnswer);
  }

  private async run(command: ExecuteCaseCommand, keyed: boolean): Promise<CaseCommandResult> {
    try {
      return await this.commandBus.execute<ExecuteCaseCommand, CaseCommandResult>(command);
    } catch (error) {
      // Event ids derive from the key: the same key sent at once for another case collides on them in the store.
      if (keyed && error instanceof DuplicateEventIdError) throw new IdempotencyKeyReusedError();
      throw error;
    }
  }

  private replay(request: CommandRequest, earlier: StoredAnswer): CaseCommandAnswer {
    if (earlier.requestHash !== request.idempotency?.requestHash) throw new IdempotencyKeyReusedError();
    request.response.setHeader(IDEMPOTENT_REPLAY_HEADER, 'true');
    return this.respond(request, earlier.statusCode as SuccessStatus, earlier.body as CaseCommandAnswer);
  }

  private respond(request: CommandRequest, status: SuccessStatus, answer: CaseCommandAnswer): CaseCommandAnswer {
    request.response.setHeader('ETag', etagOf(answer.revision));
    request.response.setHeader('Cache-Control', 'no-store');
    if (status === 201) request.response.setHeader('Location', `/api/cases/${encodeURIComponent(answer.caseId)}`);
    return answer;
  }
}

/** The actor of the access policy, without the display fields of the principal: only these go into events. */
function actorOf(principal: Actor): Actor {
  return { userId: principal.userId, role: principal.role, organisationUnitId: principal.organisationUnitId, districtId: principal.districtId };
}
