import { ROLE_LABELS, ROLES, type Role } from '../../../domain/case/access.policy';
import { loadConfig } from '../../config/app.config';
import { openDatabase } from '../../database/database';
import { assertSchemaCurrent } from '../../database/migrations';
import { AccountsRepository } from '../../identity/accounts.repository';
import { PasswordHasher } from '../../identity/password.hasher';
import { assertAcceptablePassword } from '../../identity/password.policy';
import { validUsername } from '../../identity/username';
import { type CliCommand, CliUsageError, EXIT_OK } from '../cli-command';
import { parseOptions } from '../cli-options';
import { readSecretFromTerminal, type SecretReader } from '../terminal-secret';

/** Never a command-line argument: those land in shell history and in every process listing. */
export const NEW_USER_PASSWORD_VARIABLE = 'KIM_NEW_USER_PASSWORD';

export class PasswordConfirmationMismatchError extends Error {
  override readonly name = 'PasswordConfirmationMismatchError';
  constructor() {
    super('The two passwords entered differ');
  }
}

export class PasswordUnavailableError extends Error {
  override readonly name = 'PasswordUnavailableError';
  constructor() {
    const variable = NEW_USER_PASSWORD_VARIABLE;
    super(`No password: set ${variable} (e.g. read -rs ${variable}; export ${variable}) or run in a terminal to be asked`);
  }
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** `readSecret` asks on the terminal; tests pass their own. */
export function makeCreateUserCommand(readSecret: SecretReader): CliCommand {
  return {
    name: 'create-user',
    summary: `Create a user account; the password comes from ${NEW_USER_PASSWORD_VARIABLE} or is asked for without echo`,
    usage: `--username <name> --display-name <name> --role <${ROLES.join('|')}> (--organisation-unit <id> | --district <id>)`,
    async run(args, { env, output }) {
      const options = parseOptions(args, { required: ['username', 'display-name', 'role'], optional: ['organisation-unit', 'district'] });
      const role = options.role.replace(/-/g, '_');
      if (!isRole(role)) throw new CliUsageError(`--role must be one of ${ROLES.join('|')}`);
      if (options['organisation-unit'] === undefined && options.district === undefined) {
        throw new CliUsageError('Give --organisation-unit, or --district for a role without a unit');
      }
      const username = validUsername(options.username);
      const password = await passwordFrom(env, readSecret);
      assertAcceptablePassword(password, username);

      const hasher = new PasswordHasher();
      const database = await openDatabase(loadConfig(env).database);
      try {
        await assertSchemaCurrent(database);
        const created = await new AccountsRepository(database.db).createUser({
          username,
          displayName: options['display-name'],
          role,
          organisationUnitId: options['organisation-unit'] ?? null,
          districtId: options.district,
          passwordHash: await hasher.hash(password),
        });
        const unit = created.organisationUnitId === null ? 'no organisation unit' : `organisation unit ${created.organisationUnitId}`;
        output.out(`Created user ${created.username} (${created.userId}): ${ROLE_LABELS[created.role]}, ${unit}, district ${created.districtId}`);
        return EXIT_OK;
      } finally {
        await database.close();
      }
    },
  };
}

async function passwordFrom(env: NodeJS.ProcessEnv, readSecret: SecretReader): Promise<string> {
  const fromEnv = env[NEW_USER_PASSWORD_VARIABLE];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const first = await readSecret('Password: ');
  if (first === null) throw new PasswordUnavailableError();
  if ((await readSecret('Repeat password: ')) !== first) throw new PasswordConfirmationMismatchError();
  return first;
}

export const createUserCommand = makeCreateUserCommand(readSecretFromTerminal);
