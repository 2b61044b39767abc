import type { PersonalDataVault } from '../ports/personal-data-vault.port';

/**
 * The vault for one read: whether a client's data was erased is asked once, not once per masked field (a case
 * of 500 entries holds hundreds of sealed notes, all of one client). Opening values goes straight through.
 */
export function readScopedVault(vault: PersonalDataVault): PersonalDataVault {
  const erased = new Map<string, Promise<boolean>>();
  return {
    seal: (clientId, context, value) => vault.seal(clientId, context, value),
    open: (sealed, context) => vault.open(sealed, context),
    erase: (clientId, erasure) => vault.erase(clientId, erasure),
    isErased: (clientId) => {
      let answer = erased.get(clientId);
      if (answer === undefined) {
        answer = vault.isErased(clientId);
        erased.set(clientId, answer);
      }
      return answer;
    },
  };
}
