import { mapPersonalData } from '../../domain/case/personal-data.registry';
import {
  ERASED,
  type PersonalDataVault,
  isSealedValue,
} from '../ports/personal-data-vault.port';

/**
 * Seals every registered personal field of an event's data with its client's key. The context bound into each
 * ciphertext is the event id and the field path, so a sealed value cannot be moved to another event or field.
 */
export async function sealPersonalData(
  vault: PersonalDataVault,
  clientId: string,
  eventId: string,
  eventType: string,
  data: unknown,
): Promise<unknown> {
  const found: Array<{ value: unknown; path: string }> = [];
  mapPersonalData(eventType, data, (value, path) => {
    found.push({ value, path });
    return value;
  });
  if (found.length === 0) return data;
  const sealed = await Promise.all(found.map(({ value, path }) => vault.seal(clientId, `${eventId}/${path}`, value)));
  let next = 0;
  return mapPersonalData(eventType, data, () => sealed[next++]);
}

/** How personal fields come out of a stored event for a reader. */
export type PersonalDataView = 'plain' | 'masked';

/** The mask shown instead of a personal value to readers who see personal data masked. */
export const MASKED = Object.freeze({ $masked: true as const });

/** Opens (or masks) every sealed personal field of a stored event's data; an erased client's fields read ERASED. */
export async function openPersonalData(
  vault: PersonalDataVault,
  eventId: string,
  eventType: string,
  data: unknown,
  view: PersonalDataView,
): Promise<unknown> {
  const found: Array<{ value: unknown; path: string }> = [];
  mapPersonalData(eventType, data, (value, path) => {
    found.push({ value, path });
    return value;
  });
  if (found.length === 0) return data;
  const opened = await Promise.all(
    found.map(async ({ value, path }) => {
      if (!isSealedValue(value)) return value;
      if (view === 'masked') return (await vault.isErased(value.c)) ? ERASED : MASKED;
      return vault.open(value, `${eventId}/${path}`);
    }),
  );
  let next = 0;
  return mapPersonalData(eventType, data, () => opened[next++]);
}
