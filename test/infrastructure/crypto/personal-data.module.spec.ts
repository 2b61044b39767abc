import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/infrastructure/config/app.config';
import { masterKeyFor } from '../../../src/infrastructure/crypto/personal-data.module';

describe('the master key the service uses', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'kim-key-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is KIM_MASTER_KEY when given', () => {
    const key = Buffer.alloc(32, 3);
    expect(masterKeyFor(loadConfig({ KIM_MASTER_KEY: key.toString('base64'), KIM_DATA_DIR: dataDir }))).toEqual(key);
  });

  it('is a key file beside the embedded data otherwise: created owner-only on first start, the same on the next', () => {
    const config = loadConfig({ KIM_DATA_DIR: dataDir });
    const first = masterKeyFor(config);
    expect(first).toHaveLength(32);
    expect(statSync(join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dataDir, 'master.key'), 'utf8').trim()).toBe(first.toString('base64'));
    expect(masterKeyFor(config)).toEqual(first);
  });

  it('lives only in memory for a database that lives only in memory', () => {
    const config = { ...loadConfig({ KIM_DATA_DIR: dataDir }), database: { kind: 'pglite' as const, dataDir: null } };
    expect(masterKeyFor(config)).toHaveLength(32);
    expect(() => statSync(join(dataDir, 'master.key'))).toThrow();
  });
});
