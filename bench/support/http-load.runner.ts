/**
 * The load generator of the HTTP command benchmark, in a process of its own so that it does not share the
 * server's event loop: autocannon with N keep-alive connections, each request on a random prepared case.
 * Receives its job over IPC and answers with autocannon's result and its own CPU time.
 */
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';

export interface LoadJob {
  url: string;
  token: string;
  caseIds: string[];
  connections: number;
  seconds: number;
  body: string;
  /** Each request with an Idempotency-Key of its own, as the web forms send them. */
  keyed: boolean;
}

export interface LoadResult {
  requestsPerSecond: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  clientCpuSeconds: number;
}

async function run(job: LoadJob): Promise<LoadResult> {
  const cpuBefore = process.cpuUsage();
  const result = await autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.seconds,
    method: 'POST',
    headers: { authorization: `Bearer ${job.token}`, 'content-type': 'application/json' },
    body: job.body,
    requests: [
      {
        setupRequest: (request: { path: string; headers?: Record<string, string> }) => {
          const caseId = job.caseIds[Math.floor(Math.random() * job.caseIds.length)];
          const headers = job.keyed ? { ...request.headers, 'idempotency-key': randomUUID() } : request.headers;
          return { ...request, headers, path: `/api/cases/${caseId}/counselling-sessions` };
        },
      },
    ],
  });
  const cpu = process.cpuUsage(cpuBefore);
  return {
    requestsPerSecond: result['2xx'] / result.duration,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    clientCpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

process.once('message', (job: LoadJob) => {
  run(job).then(
    (result) => process.send!(result, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
