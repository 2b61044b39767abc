/** Latency samples in microseconds, and the figures reported from them. */
export interface LatencySummary {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Nearest-rank percentile (the value at rank ceil(p * n)): no interpolation between two real samples. */
export function percentile(sortedMicros: Float64Array, p: number): number {
  if (sortedMicros.length === 0) return NaN;
  const rank = Math.min(sortedMicros.length, Math.max(1, Math.ceil(p * sortedMicros.length)));
  return sortedMicros[rank - 1];
}

export function summarizeLatencies(micros: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(micros).sort();
  return {
    count: sorted.length,
    p50Ms: percentile(sorted, 0.5) / 1000,
    p99Ms: percentile(sorted, 0.99) / 1000,
    maxMs: (sorted.length > 0 ? sorted[sorted.length - 1] : NaN) / 1000,
  };
}

/** Microseconds since an arbitrary origin, from the monotonic clock. */
export function nowMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
