import { loadConfig } from '../../config/app.config';
import { openDatabase } from '../../database/database';
import { assertSchemaCurrent } from '../../database/migrations';
import { AccountsRepository } from '../../identity/accounts.repository';
import {
  DATA_PROTECTION_REGIMES,
  isDataProtectionRegime,
  isOrganisationUnitKind,
  ORGANISATION_UNIT_KINDS,
} from '../../identity/organisation-unit.vocabulary';
import { type CliCommand, CliUsageError, EXIT_OK } from '../cli-command';
import { parseOptions } from '../cli-options';

const KINDS = Object.keys(ORGANISATION_UNIT_KINDS).join('|');
const REGIMES = Object.keys(DATA_PROTECTION_REGIMES).join('|');

export const createOrganisationUnitCommand: CliCommand = {
  name: 'create-organisation-unit',
  summary: 'Add an organisation unit (Kommunales Integrationszentrum or Träger) to a district, creating the district with --district-name',
  usage: `--district <id> --name <name> --kind <${KINDS}> --regime <${REGIMES}> [--district-name <name>]`,
  async run(args, { env, output }) {
    const options = parseOptions(args, { required: ['district', 'name', 'kind', 'regime'], optional: ['district-name'] });
    const kind = options.kind.replace(/-/g, '_');
    const regime = options.regime.replace(/-/g, '_');
    if (!isOrganisationUnitKind(kind)) throw new CliUsageError(`--kind must be one of ${KINDS}`);
    if (!isDataProtectionRegime(regime)) throw new CliUsageError(`--regime must be one of ${REGIMES}`);

    const database = await openDatabase(loadConfig(env).database);
    try {
      await assertSchemaCurrent(database);
      // One transaction: a unit that cannot be created leaves no new, empty district behind.
      const unit = await database.db.transaction().execute(async (trx) => {
        const accounts = new AccountsRepository(trx);
        const districtName = options['district-name'];
        if (districtName !== undefined) {
          await accounts.createDistrict({ id: options.district, name: districtName });
          output.out(`Created district ${options.district} (${districtName})`);
        }
        return accounts.createOrganisationUnit({ districtId: options.district, name: options.name, kind, dataProtectionRegime: regime });
      });
      const described = `${ORGANISATION_UNIT_KINDS[unit.kind]}, ${DATA_PROTECTION_REGIMES[unit.dataProtectionRegime]}`;
      output.out(`Created organisation unit ${unit.id}: ${unit.name} (${described}) in district ${unit.districtId}`);
      return EXIT_OK;
    } finally {
      await database.close();
    }
  },
};
