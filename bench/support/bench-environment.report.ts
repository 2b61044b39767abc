import { cpus, loadavg, totalmem } from 'node:os';
import { Client } from 'pg';

/** Where and when a benchmark ran: numbers without the machine and the command are not comparable. */
export interface BenchEnvironment {
  date: string;
  command: string;
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  postgres: string;
  postgresSettings: string;
  /** Other users of the machine show here: the numbers are only as quiet as this. */
  loadAverage: string;
}

export async function describeEnvironment(url: string): Promise<BenchEnvironment> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const version = await client.query<{ version: string }>('SELECT version()');
    // The settings that decide commit latency, cache hits and upkeep on this server, as SHOW prints them ("128MB");
    // pg_settings holds a size as a count of its unit (16384 of "8kB").
    const settings = await client.query<{ name: string; value: string }>(
      `SELECT name, current_setting(name) AS value FROM pg_settings
        WHERE name IN ('shared_buffers', 'synchronous_commit', 'fsync', 'wal_sync_method', 'max_connections', 'autovacuum')
        ORDER BY name`,
    );
    return {
      date: new Date().toISOString(),
      command: ['node', ...process.execArgv, ...process.argv.slice(1).map((arg) => arg.replace(process.cwd() + '/', ''))].join(' '),
      cores: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
      node: process.version,
      postgres: version.rows[0].version.replace(/ on .*$/, ''),
      loadAverage: formatLoad(),
      postgresSettings: settings.rows.map((s) => `${s.name}=${s.value}`).join(', '),
    };
  } finally {
    await client.end();
  }
}

export function printEnvironment(title: string, env: BenchEnvironment): void {
  console.log(`# ${title}`);
  console.log(`date:     ${env.date}`);
  console.log(`command:  ${env.command}`);
  console.log(`machine:  ${env.cores} cores (${env.cpuModel}), ${env.memoryGiB} GiB memory, Node ${env.node}`);
  console.log(`postgres: ${env.postgres} (${env.postgresSettings})`);
  console.log(`load:     ${env.loadAverage} (1, 5, 15 min) at start`);
  console.log('');
}

export function formatLoad(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}
