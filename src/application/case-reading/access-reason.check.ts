import { accessReason, assertReasonDoesNotNameClient } from '../../domain/audit/access-reason.policy';
import type { CaseOpened } from '../../domain/case/case.events';
import { openPersonalData } from '../cases/personal-data.sealing';
import type { RecordedEvent } from '../ports/event-store.port';
import { isErased, type PersonalDataVault } from '../ports/personal-data-vault.port';

/**
 * The reason as it will be recorded, refused when it names the client. Opening the client's identity for the
 * comparison happens on the server only and shows the reader nothing; after erasure there is nothing to compare.
 */
export async function checkedAccessReason(vault: PersonalDataVault, reason: string, events: readonly RecordedEvent[]): Promise<string> {
  const normalised = accessReason(reason);
  const opened = events.find((event) => event.type === 'CaseOpened');
  if (opened === undefined) return normalised;
  const data = (await openPersonalData(vault, opened.id, opened.type, opened.data, 'plain')) as Partial<CaseOpened['data']>;
  const personal = data.client?.personal;
  if (personal !== undefined && !isErased(personal)) assertReasonDoesNotNameClient(normalised, personal);
  return normalised;
}
