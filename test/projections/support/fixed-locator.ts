import type { ReadModelLocator } from '../../../src/projections/read/read-model.locator';

/** A locator that always points at one schema: readers tested without the runner's registry. */
export function fixedLocator(schemaOf: (projection: string) => string): ReadModelLocator {
  return {
    read: (projection: string, query: (model: { projection: string; version: number; generation: number; schema: string }) => Promise<unknown>) =>
      query({ projection, version: 1, generation: 1, schema: schemaOf(projection) }),
  } as unknown as ReadModelLocator;
}
