import type { Actor } from '../../domain/case/access.policy';
import { caseReadAccess } from '../../domain/case/access.policy';
import type { ClientPersonalData } from '../../domain/case/case.events';
import { openPersonalData } from '../cases/personal-data.sealing';
import { isErased, type PersonalDataVault } from '../ports/personal-data-vault.port';
import type { CaseloadRow } from './caseload-read-model.port';
import { type ClientNameView, ERASED_NAME } from './caseload.view';

/**
 * The client's name for one caseload row, decrypted with the client's key only for a reader entitled to see
 * it in plain text; anyone else gets no name at all. The name lives only in the answer: never logged.
 */
export async function openClientName(vault: PersonalDataVault, reader: Actor, row: CaseloadRow): Promise<ClientNameView> {
  if (row.clientDataErased) return { displayName: ERASED_NAME, erased: true };
  if (row.clientPersonal === null || caseReadAccess(reader, row) !== 'full') return { displayName: null, erased: false };
  const { eventId, sealed } = row.clientPersonal;
  // Through the same path as every other reader of CaseOpened, so the ciphertext's context is bound the same way.
  const opened = (await openPersonalData(vault, eventId, 'CaseOpened', { client: { personal: sealed } }, 'plain')) as {
    client: { personal: unknown };
  };
  const personal = opened.client.personal;
  // The key may be gone before the projection has seen the erasure event.
  if (isErased(personal)) return { displayName: ERASED_NAME, erased: true };
  const { givenName, familyName } = personal as ClientPersonalData;
  return { displayName: `${familyName}, ${givenName}`, erased: false };
}
