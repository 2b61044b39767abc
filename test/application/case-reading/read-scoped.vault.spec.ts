import { readScopedVault } from '../../../src/application/case-reading/read-scoped.vault';
import { MASKED, openPersonalData } from '../../../src/application/cases/personal-data.sealing';
import { ERASED, type PersonalDataVault, type SealedValue } from '../../../src/application/ports/personal-data-vault.port';
import { events } from '../../domain/case.fixtures';

describe('the vault of one read', () => {
  const sealed = (client: string): SealedValue => ({ $sealed: 'v1', c: client, d: 'AAAA' });
  function countingVault(erasedClients: string[]) {
    const asked: string[] = [];
    const vault: PersonalDataVault = {
      seal: async () => sealed('x'),
      open: async () => 'plain',
      erase: async () => undefined,
      isErased: async (clientId) => {
        asked.push(clientId);
        return erasedClients.includes(clientId);
      },
    };
    return { vault, asked };
  }

  it('asks once per client whether its data was erased, however many fields it masks', async () => {
    const { vault, asked } = countingVault(['client-b']);
    const scoped = readScopedVault(vault);
    const session = { ...events.counsellingSessionHeld().data, note: sealed('client-a') };
    const assessed = { ...events.needsAssessed().data, needs: [{ lifeArea: 'language', level: 2, note: sealed('client-b') }] };
    const masked = await Promise.all([
      ...Array.from({ length: 20 }, () => openPersonalData(scoped, 'e', 'CounsellingSessionHeld', session, 'masked')),
      openPersonalData(scoped, 'e', 'NeedsAssessed', assessed, 'masked'),
    ]);
    expect(asked.sort()).toEqual(['client-a', 'client-b']);
    expect((masked[0] as { note: unknown }).note).toBe(MASKED);
    expect((masked[20] as { needs: Array<{ note: unknown }> }).needs[0].note).toBe(ERASED);
  });

  it('opens every value through the vault itself', async () => {
    const { vault } = countingVault([]);
    const opened = await openPersonalData(readScopedVault(vault), 'e', 'CounsellingSessionHeld', { note: sealed('client-a') }, 'plain');
    expect(opened).toEqual({ note: 'plain' });
  });
});
