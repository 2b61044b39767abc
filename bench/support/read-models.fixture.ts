/**
 * What the read-model benchmarks share: the synthetic district's shape, the day its histories end on, the
 * vault key of a kept schema, the caseload request the HTTP route builds, and a projection that does nothing.
 */
import { createHash } from 'node:crypto';
import { type CaseloadRequest, UNFILTERED_CASELOAD_REQUEST } from '../../src/application/caseload/get-caseload.query';
import type { Projection } from '../../src/projections/projection';
import { syntheticDistrict } from './synthetic-case-log.filler';

export const BENCH_TODAY = '2026-11-20';
/** 09:00 UTC: the same German calendar day the histories end on. */
export const BENCH_NOW = new Date(`${BENCH_TODAY}T09:00:00Z`);
const UNITS = 8;
const CASE_MANAGERS_PER_UNIT = 6;

export function benchDistrict(): ReturnType<typeof syntheticDistrict> {
  return syntheticDistrict(UNITS, CASE_MANAGERS_PER_UNIT);
}

/** The runner and the store alone: reading the log, one transaction and checkpoint per batch, no tables. */
export const NOOP_PROJECTION: Projection = { name: 'bench_noop', version: 1, setup: async () => undefined, apply: async () => undefined };

/** Synthetic data only: the key derives from the seed, so a kept schema opens again in a later run. */
export function benchVaultKey(seed: string): Buffer {
  return createHash('sha256').update(`kim-bench-${seed}`).digest();
}

/** A caseload request as the route builds it without query parameters, changed by `overrides`. */
export function caseloadRequest(overrides: Partial<CaseloadRequest> = {}): CaseloadRequest {
  return { ...UNFILTERED_CASELOAD_REQUEST, ...overrides };
}
