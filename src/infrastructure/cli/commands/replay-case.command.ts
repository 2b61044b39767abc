import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { CaseAccessRecorder } from '../../../application/audit/case-access.recorder';
import { replaySteps } from '../../../application/case-reading/case-replay';
import { readScopedVault } from '../../../application/case-reading/read-scoped.vault';
import { presentEvent } from '../../../application/case-reading/case-event.presenter';
import { caseStreamId } from '../../../application/cases/case-stream';
import { systemClock } from '../../../application/ports/clock.port';
import { loadServiceConfig } from '../../config/app.config';
import { masterKeyFor } from '../../crypto/personal-data.module';
import { PostgresPersonalDataVault } from '../../crypto/postgres.personal-data-vault';
import { openDatabase } from '../../database/database';
import { assertSchemaCurrent } from '../../database/migrations';
import { openEventStore } from '../../event-store/event-store.module';
import { type CliCommand, CliUsageError, EXIT_FAILURE, EXIT_OK } from '../cli-command';

/** Who read the case, for its access record: the operator's login on this machine, not an account of the service. */
export function operatorActor(username = userInfo().username) {
  return { userId: `cli:${username}`, role: 'operator', organisationUnitId: null, districtId: null };
}

/**
 * The case's history as an auditor sees it, on the terminal: each entry with its summary, its data with every
 * personal field masked, and the state after it. Like any read of a case it is recorded in the access stream.
 */
export const replayCaseCommand: CliCommand = {
  name: 'replay-case',
  summary: 'Print a case entry by entry with the state after each (personal data masked); recorded as a view',
  usage: '<case-id>',
  async run(args, { env, output }) {
    if (args.length !== 1 || args[0].startsWith('--')) throw new CliUsageError('replay-case takes exactly one case id');
    const [caseId] = args;
    const config = loadServiceConfig(env);
    const database = await openDatabase(config.database);
    try {
      await assertSchemaCurrent(database);
      const store = await openEventStore(config, database);
      try {
        const events = await store.readStream(caseStreamId(caseId));
        if (events.length === 0) {
          output.err(`No case ${caseId}`);
          return EXIT_FAILURE;
        }
        await new CaseAccessRecorder(store, systemClock).record({
          caseId,
          reader: operatorActor(),
          request: { requestId: randomUUID(), correlationId: randomUUID() },
          access: 'view',
          view: 'history',
          asOf: null,
          atRevision: null,
          personalData: 'masked',
          reason: null,
          revealed: [],
        });
        const vault = readScopedVault(new PostgresPersonalDataVault(database, masterKeyFor(config)));
        output.out(`Case ${caseId}: ${events.length} entries, personal data masked`);
        for (const { event, stateAfter } of replaySteps(events)) {
          const shown = await presentEvent(vault, event, 'masked');
          output.out('');
          output.out(`#${shown.revision}  ${shown.recordedAt}  ${shown.label}  (${shown.actor.userId}, ${shown.actor.role})`);
          output.out(`  ${shown.summary}`);
          output.out(`  data:  ${JSON.stringify(shown.data)}`);
          output.out(`  state: ${JSON.stringify(stateAfter)}`);
        }
        return EXIT_OK;
      } finally {
        await store.close();
      }
    } finally {
      await database.close();
    }
  },
};
