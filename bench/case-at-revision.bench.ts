/**
 * The case as it was at a revision, for a case of 500 entries, on the real PostgreSQL: what
 * `GET /api/cases/{id}?atRevision=n` costs, layer by layer, with a random revision per read. The target is
 * p99 <= 20 ms for the state at a revision (read the stream, fold the prefix).
 *
 *   npm run bench:case-at-revision [-- --events=500 --reads=500]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { CaseAccessRecorder } from '../src/application/audit/case-access.recorder';
import { eventsUpTo } from '../src/application/case-reading/case-replay';
import { GetCaseFileHandler } from '../src/application/case-reading/get-case-file.handler';
import { GetCaseFileQuery } from '../src/application/case-reading/get-case-file.query';
import { VisibleCaseLoader } from '../src/application/case-reading/visible-case.loader';
import { caseStreamId } from '../src/application/cases/case-stream';
import { ExecuteCaseCommand } from '../src/application/cases/execute-case-command';
import { ExecuteCaseCommandHandler, fold } from '../src/application/cases/execute-case-command.handler';
import { systemClock } from '../src/application/ports/clock.port';
import type { Actor } from '../src/domain/case/access.policy';
import type { CaseCommand } from '../src/domain/case/case.commands';
import { PostgresPersonalDataVault } from '../src/infrastructure/crypto/postgres.personal-data-vault';
import { PostgresEventStore } from '../src/infrastructure/event-store/postgres.event-store';
import { benchDatabaseUrl, openBenchSchema, runTag } from './support/bench-database.fixture';
import { describeEnvironment, printEnvironment } from './support/bench-environment.report';
import { parseOptions } from './support/cli-options.parser';
import { nowMicros, summarizeLatencies } from './support/latency.stats';
import { formatNumber, printTable } from './support/results-table.printer';

const CASE_MANAGER: Actor = { userId: 'bench-cm', role: 'case_manager', organisationUnitId: 'bench-unit', districtId: 'bench-district' };
const AUDITOR: Actor = { userId: 'bench-auditor', role: 'auditor', organisationUnitId: null, districtId: 'bench-district' };
const WARM_UP = 30;

async function main(): Promise<void> {
  const options = parseOptions({ events: '500', reads: '500' });
  const size = Number(options.events);
  const reads = Number(options.reads);
  if (!(size >= 10 && size <= 5000) || !(reads >= 50 && reads <= 5000)) {
    throw new Error('--events in [10, 5000] and --reads in [50, 5000]: the run must stay bounded');
  }
  const url = benchDatabaseUrl();
  printEnvironment(`Case at a revision: a case of ${size} entries, a random revision per read`, await describeEnvironment(url));
  const bench = await openBenchSchema(url, 4, runTag());
  try {
    const store = new PostgresEventStore(bench.database);
    const vault = new PostgresPersonalDataVault(bench.database, randomBytes(32));
    const caseId = randomUUID();
    const built = await buildCase(new ExecuteCaseCommandHandler(store, vault, systemClock), store, caseId, size);
    console.log(`Built case ${caseId}: ${built} entries through the command path, personal fields sealed\n`);

    const loader = new VisibleCaseLoader(store);
    const handler = new GetCaseFileHandler(loader, new CaseAccessRecorder(store, systemClock), vault);
    const revision = () => Math.floor(Math.random() * built);
    const request = () => ({ requestId: randomUUID(), correlationId: randomUUID() });
    const layers: Array<[string, () => Promise<unknown>]> = [
      [`read the stream (${built} entries)`, () => store.readStream(caseStreamId(caseId))],
      [
        'state at a revision: read, fold the prefix',
        async () => fold(eventsUpTo(await store.readStream(caseStreamId(caseId)), { kind: 'at_revision', revision: revision() })),
      ],
      [
        'same, with the access check (fold of the whole case)',
        async () => fold(eventsUpTo((await loader.load(caseId, AUDITOR)).events, { kind: 'at_revision', revision: revision() })),
      ],
      [
        'query handler, auditor: + view recorded, entries masked',
        () => handler.execute(new GetCaseFileQuery(caseId, AUDITOR, { kind: 'at_revision', revision: revision() }, null, request())),
      ],
      [
        'query handler, case manager: + entries opened',
        () => handler.execute(new GetCaseFileQuery(caseId, CASE_MANAGER, { kind: 'at_revision', revision: revision() }, null, request())),
      ],
    ];
    const rows = [];
    for (const [layer, operation] of layers) {
      for (let i = 0; i < WARM_UP; i++) await operation();
      const latencies: number[] = [];
      // CPU of this process per read stays comparable on a machine shared with other work; latency does not.
      const cpu = process.cpuUsage();
      for (let i = 0; i < reads; i++) {
        const started = nowMicros();
        await operation();
        latencies.push(nowMicros() - started);
      }
      const used = process.cpuUsage(cpu);
      const summary = summarizeLatencies(latencies);
      const cpuMs = (used.user + used.system) / 1000 / reads;
      rows.push([layer, summary.count, formatNumber(summary.p50Ms, 2), formatNumber(summary.p99Ms, 2), formatNumber(summary.maxMs, 2), formatNumber(cpuMs, 2)]);
    }
    printTable(['layer', 'reads', 'p50 ms', 'p99 ms', 'max ms', 'Node CPU ms/read'], rows);
  } finally {
    await bench.dispose();
  }
}

/** Intake, consent, then counselling sessions with a note each (sealed), until the stream has `size` entries. */
async function buildCase(handler: ExecuteCaseCommandHandler, store: PostgresEventStore, caseId: string, size: number): Promise<number> {
  const metadata = { now: new Date().toISOString(), actor: CASE_MANAGER };
  const execute = (command: CaseCommand) => handler.execute(new ExecuteCaseCommand(command, { commandId: randomUUID(), correlationId: caseId }));
  await execute({
    type: 'OpenCase',
    data: {
      caseId,
      clientId: randomUUID(),
      organisationUnitId: CASE_MANAGER.organisationUnitId!,
      districtId: CASE_MANAGER.districtId,
      caseManagerId: CASE_MANAGER.userId,
      openedOn: '2025-03-03',
      channel: 'office',
      entryCriteria: ['complex_needs'],
      client: {
        personal: { givenName: 'Bench', familyName: 'Person', dateOfBirth: '1990-01-01', contact: { phone: null, email: null }, address: null },
        profile: { birthYear: 1990, gender: 'not_stated', countryOfOrigin: 'SY', languages: ['ar'], arrivalYearInGermany: 2016, arrivalYearInDistrict: 2017, householdSize: 3 },
      },
    },
    metadata,
  });
  await execute({
    type: 'RecordConsent',
    data: { caseId, purpose: 'case_management', formVersion: 'bench', language: 'ar', givenOn: '2025-03-03' },
    metadata,
  });
  let revision = 1;
  while (revision + 1 < size) {
    const result = await execute({
      type: 'RecordCounsellingSession',
      data: {
        caseId,
        heldOn: '2025-03-06',
        durationMinutes: 45,
        format: 'office',
        lifeAreas: ['housing', 'language'],
        interpreterLanguage: 'ar',
        householdMembersPresent: 1,
        note: 'Unterlagen zur Wohnungssuche gesichtet, nächste Schritte besprochen.',
      },
      metadata,
    });
    revision = result.revision;
  }
  return (await store.readStream(caseStreamId(caseId))).length;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
