import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';

/**
 * pgbench running the append transaction in C, as the ceiling of what this server does with the same calls.
 * `-M prepared` is what our adapter sends (a named statement, parsed once per connection: bind and execute per
 * call); `-M extended` parses every call, as node-postgres does for an unnamed query. `\gset` carries each
 * client's last revision into its next append: an exact expected revision with no helper table and no extra
 * statement.
 */
const APPEND_SCRIPT = `SELECT status, last_revision AS rev FROM kim_append(
  :prefix::text || :client_id::text, :rev::text,
  ARRAY[gen_random_uuid()], ARRAY['CaseNoteAdded'], ARRAY[1],
  ARRAY[:data::text], ARRAY[:metadata::text], ARRAY[:digest::text]) \\gset
`;

export interface PgbenchAppendOptions {
  url: string;
  protocol: 'prepared' | 'extended';
  schema: string;
  clients: number;
  seconds: number;
  /** Stream names are `<prefix><client id>`: one stream per client. */
  streamPrefix: string;
  dataJson: string;
  metadataJson: string;
  digestHex: string;
}

export interface PgbenchResult {
  transactions: number;
  failed: number;
  /** Per-transaction latencies in microseconds, from pgbench's own log. */
  latenciesMicros: number[];
  /** pgbench's own CPU time (user + system), from GNU time; NaN where it is not installed. */
  clientCpuSeconds: number;
  command: string;
}

export async function runPgbenchAppend(options: PgbenchAppendOptions): Promise<PgbenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'kim-pgbench-'));
  try {
    const scriptFile = join(dir, 'append.sql');
    writeFileSync(scriptFile, APPEND_SCRIPT);
    const url = new URL(options.url);
    const args = [
      '-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username) || 'postgres',
      '-n', '-M', options.protocol, '-f', scriptFile,
      '-c', String(options.clients), '-j', String(Math.min(2, options.clients)), '-T', String(options.seconds),
      '-D', `prefix=${options.streamPrefix}`, '-D', 'rev=no_stream',
      '-D', `data=${options.dataJson}`, '-D', `metadata=${options.metadataJson}`, '-D', `digest=${options.digestHex}`,
      '--log', `--log-prefix=${join(dir, 'tx')}`,
      url.pathname.slice(1),
    ];
    // GNU time reports the client's CPU, to compare with what our Node client spends per append.
    const timed = existsSync(GNU_TIME);
    const stdout = await runBounded(timed ? GNU_TIME : 'pgbench', timed ? ['-f', 'pgbench-cpu %U %S', 'pgbench', ...args] : args, { ...process.env, PGOPTIONS: `-c search_path=${options.schema}` }, (options.seconds + 60) * 1000);
    const latenciesMicros: number[] = [];
    for (const file of readdirSync(dir).filter((f) => f.startsWith('tx.'))) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
        // client_id transaction_no time_us script_no epoch_s epoch_us
        const fields = line.split(' ');
        if (fields.length >= 6) latenciesMicros.push(Number(fields[2]));
      }
    }
    return {
      transactions: Number(/number of transactions actually processed: (\d+)/.exec(stdout)?.[1] ?? NaN),
      failed: Number(/number of failed transactions: (\d+)/.exec(stdout)?.[1] ?? 0),
      clientCpuSeconds: clientCpu(stdout),
      latenciesMicros,
      command: `PGOPTIONS='-c search_path=${options.schema}' pgbench ${args
        .map((a) => (a.startsWith('data=') || a.startsWith('metadata=') ? `${a.split('=')[0]}=<${a.length} chars of JSON>` : a))
        .map((a) => a.replace(dir, '$TMP'))
        .join(' ')}`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function clientCpu(output: string): number {
  const match = /pgbench-cpu ([\d.]+) ([\d.]+)/.exec(output);
  return match ? Number(match[1]) + Number(match[2]) : NaN;
}

function runBounded(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // Its own process group, so the safety kill also ends pgbench when it runs under GNU time.
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    const timer = setTimeout(() => process.kill(-(child.pid as number), 'SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${command} exited with ${code}:\n${out}`));
    });
  });
}
