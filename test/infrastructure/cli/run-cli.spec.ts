import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliCommand, type CliContext, CliUsageError } from '../../../src/infrastructure/cli/cli-command';
import { CLI_COMMANDS } from '../../../src/infrastructure/cli/cli-commands';
import { runCli } from '../../../src/infrastructure/cli/run-cli';
import { CODE_SCHEMA_VERSION } from '../../../src/infrastructure/database/migrations';

function context(env: NodeJS.ProcessEnv = {}, commands: readonly CliCommand[] = CLI_COMMANDS) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = { env, commands, output: { out: (line) => out.push(line), err: (line) => err.push(line) } };
  return { ctx, out, err };
}

describe('runCli', () => {
  it('lists every command for help', async () => {
    const { ctx, out } = context();
    expect(await runCli(['help'], ctx)).toBe(0);
    expect(out.join('\n')).toMatch(/migrate\s+Bring the database schema up to date/);
    expect(out.join('\n')).toMatch(/help\s+List the commands/);
  });

  it('shows how to call one command', async () => {
    const { ctx, out } = context();
    expect(await runCli(['help', 'migrate'], ctx)).toBe(0);
    expect(out[0]).toBe('Usage: npm run cli -- migrate');
  });

  it('exits 2 on a missing or unknown command, listing the commands on stderr', async () => {
    const missing = context();
    expect(await runCli([], missing.ctx)).toBe(2);
    expect(missing.err.join('\n')).toContain('migrate');

    const unknown = context();
    expect(await runCli(['seed-everything'], unknown.ctx)).toBe(2);
    expect(unknown.err[0]).toBe('Unknown command "seed-everything".');
    expect(unknown.out).toEqual([]);
  });

  it('exits 2 with the usage when a command rejects its arguments', async () => {
    const { ctx, err } = context();
    expect(await runCli(['migrate', '--force'], ctx)).toBe(2);
    expect(err).toEqual(['migrate takes no arguments, got: --force', 'Usage: npm run cli -- migrate']);
  });

  it('runs a plugged-in command and exits 1 with its message when it fails', async () => {
    const failing: CliCommand = {
      name: 'verify',
      summary: 'Verify',
      usage: '',
      run: async () => {
        throw new Error('stream case-1 is broken at revision 3');
      },
    };
    const usage: CliCommand = { name: 'seed', summary: 'Seed', usage: '<n>', run: async () => Promise.reject(new CliUsageError('n is missing')) };
    const { ctx, err } = context({}, [failing, usage]);
    expect(await runCli(['verify'], ctx)).toBe(1);
    expect(await runCli(['seed'], ctx)).toBe(2);
    expect(err).toEqual(['verify failed: stream case-1 is broken at revision 3', 'n is missing', 'Usage: npm run cli -- seed <n>']);
  });

  it('exits 1 naming each bad variable when the configuration is invalid', async () => {
    const { ctx, err } = context({ KIM_DB_POOL_SIZE: 'many', KIM_LOG_LEVEL: 'loud' });
    expect(await runCli(['migrate'], ctx)).toBe(1);
    expect(err.join('\n')).toMatch(/KIM_DB_POOL_SIZE[\s\S]*KIM_LOG_LEVEL/);
  });

  describe('migrate, on a PGlite data directory', () => {
    let dataDir: string;

    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'kim-cli-'));
    });

    afterAll(async () => {
      await rm(dataDir, { recursive: true, force: true });
    });

    it('applies what is missing, then reports that nothing is left to apply', async () => {
      const first = context({ KIM_DATA_DIR: dataDir });
      expect(await runCli(['migrate'], first.ctx)).toBe(0);
      const applied = first.out.filter((line) => line.startsWith('Applied '));
      expect(applied[0]).toBe('Applied 0001-event-store');
      expect(first.out).toEqual([
        `Database: pglite at ${join(dataDir, 'pglite')}`,
        ...applied,
        `Schema is now at ${CODE_SCHEMA_VERSION} (${applied.length} applied)`,
      ]);

      const second = context({ KIM_DATA_DIR: dataDir });
      expect(await runCli(['migrate'], second.ctx)).toBe(0);
      expect(second.out).toEqual([`Database: pglite at ${join(dataDir, 'pglite')}`, `Nothing to apply: schema is at ${CODE_SCHEMA_VERSION}`]);
    });
  });
});
