import { v5 as uuidV5 } from 'uuid';
import type { CaseCommandResult } from '../../application/cases/execute-case-command';
import { ExecuteCaseCommand } from '../../application/cases/execute-case-command';
import type { Actor } from '../../domain/case/access.policy';
import type { CalendarDate } from '../../domain/time/calendar-date.value';
import { SeededRandom } from './seeded-random';
import { syntheticCaseCommands } from './synthetic-case.generator';

/** Namespace of the demo data's ids: a seed always yields the same case, client and command ids. */
const DEMO_NAMESPACE = 'b7f0c6de-2f0e-4d8a-9a55-3c1c8e1e6f20';

export interface SeedProgress {
  casesDone: number;
  casesTotal: number;
  commands: number;
  elapsedMs: number;
}

export interface SeedOptions {
  count: number;
  seed: number;
  today: CalendarDate;
  /** Case managers the cases are spread over (each with their unit). */
  caseManagers: ReadonlyArray<Actor & { organisationUnitId: string }>;
  /** Cases written at the same time; the store serialises per case, so this only overlaps round trips. */
  concurrency?: number;
  onProgress?: (progress: SeedProgress) => void;
}

type Execute = (command: ExecuteCaseCommand) => Promise<CaseCommandResult>;

/**
 * Fills the store with synthetic cases through the real command path (decider, sealing, append), so demo data
 * obeys every rule real data does. Ids derive from the seed: running it again appends nothing new.
 */
export async function seedSyntheticCases(execute: Execute, options: SeedOptions): Promise<SeedProgress> {
  if (options.caseManagers.length === 0) throw new Error('No case managers to assign the demo cases to: create accounts first');
  const started = Date.now();
  const progress: SeedProgress = { casesDone: 0, casesTotal: options.count, commands: 0, elapsedMs: 0 };
  let nextCase = 0;
  const worker = async (): Promise<void> => {
    while (nextCase < options.count) {
      const index = nextCase++;
      const random = new SeededRandom(options.seed * 1_000_003 + index);
      const caseId = uuidV5(`case/${options.seed}/${index}`, DEMO_NAMESPACE);
      const history = syntheticCaseCommands(random, {
        caseId,
        clientId: uuidV5(`client/${options.seed}/${index}`, DEMO_NAMESPACE),
        caseManager: options.caseManagers[index % options.caseManagers.length],
        today: options.today,
      });
      for (const [step, command] of history.entries()) {
        await execute(
          new ExecuteCaseCommand(command, {
            commandId: uuidV5(`command/${options.seed}/${index}/${step}`, DEMO_NAMESPACE),
            correlationId: caseId,
          }),
        );
      }
      progress.casesDone += 1;
      progress.commands += history.length;
      progress.elapsedMs = Date.now() - started;
      options.onProgress?.({ ...progress });
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  return { ...progress, elapsedMs: Date.now() - started };
}
