import { mapPersonalData } from '../../domain/case/personal-data.registry';
import { MASKED } from '../cases/personal-data.sealing';
import { ERASED, isSealedValue, type PersonalDataVault } from '../ports/personal-data-vault.port';

/** The registry paths of an event that hold at least one sealed value: what a reveal could show. */
export function sealedPaths(eventType: string, data: unknown): string[] {
  const paths = new Set<string>();
  mapPersonalData(eventType, data, (value, path) => {
    if (isSealedValue(value)) paths.add(path);
    return value;
  });
  return [...paths];
}

/**
 * The event's data with the personal fields on `paths` opened and every other personal field masked, so a
 * reveal shows exactly what it records and nothing beside it.
 */
export async function openSelectedPersonalData(
  vault: PersonalDataVault,
  eventId: string,
  eventType: string,
  data: unknown,
  paths: ReadonlySet<string>,
): Promise<unknown> {
  const found: Array<{ value: unknown; path: string }> = [];
  mapPersonalData(eventType, data, (value, path) => {
    found.push({ value, path });
    return value;
  });
  const shown = await Promise.all(
    found.map(async ({ value, path }) => {
      if (!isSealedValue(value)) return value;
      if (paths.has(path)) return vault.open(value, `${eventId}/${path}`);
      return (await vault.isErased(value.c)) ? ERASED : MASKED;
    }),
  );
  let next = 0;
  return mapPersonalData(eventType, data, () => shown[next++]);
}
