import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliCommand, CliContext } from '../../../../src/infrastructure/cli/cli-command';
import { createOrganisationUnitCommand } from '../../../../src/infrastructure/cli/commands/create-organisation-unit.command';
import { makeCreateUserCommand } from '../../../../src/infrastructure/cli/commands/create-user.command';
import { migrateCommand } from '../../../../src/infrastructure/cli/commands/migrate.command';
import { runCli } from '../../../../src/infrastructure/cli/run-cli';
import type { SecretReader } from '../../../../src/infrastructure/cli/terminal-secret';
import { openDatabase } from '../../../../src/infrastructure/database/database';
import { AccountsRepository } from '../../../../src/infrastructure/identity/accounts.repository';
import { PasswordHasher } from '../../../../src/infrastructure/identity/password.hasher';

const PASSWORD = 'ein sehr langes Passwort';

describe('create-organisation-unit and create-user, on a PGlite data directory', () => {
  let dataDir: string;
  let unitId: string;
  const noTerminal: SecretReader = async () => null;

  async function run(argv: string[], options: { env?: NodeJS.ProcessEnv; readSecret?: SecretReader } = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const commands: CliCommand[] = [migrateCommand, createOrganisationUnitCommand, makeCreateUserCommand(options.readSecret ?? noTerminal)];
    const context: CliContext = {
      env: { KIM_DATA_DIR: dataDir, ...options.env },
      commands,
      output: { out: (line) => out.push(line), err: (line) => err.push(line) },
    };
    return { code: await runCli(argv, context), out, err };
  }

  async function storedCredentials(username: string) {
    const database = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') });
    try {
      return await new AccountsRepository(database.db).findCredentials(username);
    } finally {
      await database.close();
    }
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kim-identity-cli-'));
    expect((await run(['migrate'])).code).toBe(0);
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates a district and its first unit, printing the unit id', async () => {
    const result = await run([
      'create-organisation-unit',
      '--district',
      '05370',
      '--district-name',
      'Kreis Heinsberg',
      '--name',
      'Caritasverband Heinsberg',
      '--kind',
      'provider',
      '--regime=kdg',
    ]);
    expect(result).toMatchObject({ code: 0, err: [] });
    expect(result.out[0]).toBe('Created district 05370 (Kreis Heinsberg)');
    const match = /^Created organisation unit (\S+): Caritasverband Heinsberg \(Träger der freien Wohlfahrtspflege, KDG\) in district 05370$/.exec(result.out[1]);
    expect(match).not.toBeNull();
    unitId = match![1];
  });

  it('refuses a unit for a district that does not exist, and an unknown regime', async () => {
    const missing = await run(['create-organisation-unit', '--district', 'nowhere', '--name', 'KI', '--kind', 'integration-centre', '--regime', 'dsg-nrw']);
    expect(missing).toMatchObject({ code: 1, err: ['create-organisation-unit failed: District "nowhere" does not exist'] });
    const regime = await run(['create-organisation-unit', '--district', '05370', '--name', 'KI', '--kind', 'provider', '--regime', 'gdpr']);
    expect(regime.code).toBe(2);
    expect(regime.err[0]).toBe('--regime must be one of dsg_nrw|kdg|dsg_ekd|bdsg');
  });

  it('creates a user with the password from KIM_NEW_USER_PASSWORD, which then verifies', async () => {
    const result = await run(
      ['create-user', '--username', 'A.Schulz', '--display-name', 'Anna Schulz', '--role', 'case_manager', '--organisation-unit', unitId],
      { env: { KIM_NEW_USER_PASSWORD: PASSWORD } },
    );
    expect(result.code).toBe(0);
    expect(result.out).toEqual([expect.stringMatching(new RegExp(`^Created user a\\.schulz \\(\\S+\\): Case Management, organisation unit ${unitId}, district 05370$`))]);
    const stored = await storedCredentials('a.schulz');
    expect(await new PasswordHasher().verify(stored!.passwordHash, PASSWORD)).toBe(true);
  });

  it('asks twice on the terminal when the variable is not set, and refuses two different entries', async () => {
    const answers = [PASSWORD, PASSWORD];
    const prompts: string[] = [];
    const asked = await run(['create-user', '--username', 'k.yilmaz', '--display-name', 'K. Yilmaz', '--role', 'reporting', '--district', '05370'], {
      readSecret: async (prompt) => {
        prompts.push(prompt);
        return answers.shift() ?? null;
      },
    });
    expect(asked.code).toBe(0);
    expect(prompts).toEqual(['Password: ', 'Repeat password: ']);

    const entries = [PASSWORD, 'ein anderes Passwort'];
    const mismatch = await run(['create-user', '--username', 'l.meyer', '--display-name', 'L. Meyer', '--role', 'auditor', '--district', '05370'], {
      readSecret: async () => entries.shift() ?? null,
    });
    expect(mismatch).toMatchObject({ code: 1, err: ['create-user failed: The two passwords entered differ'] });
    expect(await storedCredentials('l.meyer')).toBeNull();
  });

  it('explains how to pass the password when there is neither the variable nor a terminal', async () => {
    const result = await run(['create-user', '--username', 'p.wolf', '--display-name', 'P. Wolf', '--role', 'auditor', '--district', '05370']);
    expect(result.code).toBe(1);
    expect(result.err[0]).toContain('set KIM_NEW_USER_PASSWORD');
  });

  it('takes no password argument, and never repeats a rejected password', async () => {
    const asArgument = await run(['create-user', '--username', 'p.wolf', '--display-name', 'P. Wolf', '--role', 'auditor', '--district', '05370', '--password', PASSWORD]);
    expect(asArgument.code).toBe(2);
    expect(asArgument.err[0]).toBe('Unknown option --password');
    const weak = await run(['create-user', '--username', 'p.wolf', '--display-name', 'P. Wolf', '--role', 'auditor', '--district', '05370'], {
      env: { KIM_NEW_USER_PASSWORD: 'kurz123' },
    });
    expect(weak.code).toBe(1);
    expect(weak.err[0]).toBe('create-user failed: Password rejected: it must have at least 12 characters');
  });

  it('refuses a case manager without a unit, a taken username and an unknown role', async () => {
    const env = { KIM_NEW_USER_PASSWORD: PASSWORD };
    const noUnit = await run(['create-user', '--username', 'x.cm', '--display-name', 'X', '--role', 'case_manager', '--district', '05370'], { env });
    expect(noUnit.err[0]).toContain('an organisation unit is required');
    const taken = await run(['create-user', '--username', 'a.schulz', '--display-name', 'X', '--role', 'auditor', '--district', '05370'], { env });
    expect(taken).toMatchObject({ code: 1, err: ['create-user failed: This username is already taken'] });
    const role = await run(['create-user', '--username', 'x.y', '--display-name', 'X', '--role', 'superuser', '--district', '05370'], { env });
    expect(role.code).toBe(2);
  });
});
