/**
 * Small-cell suppression over counts that are published with totals. A count of 1 to 4 is shown as "<5"
 * (primary). Where a reader could still work a suppressed count out from a published row or column total,
 * further counts are hidden (secondary, shown as "x") until none can be. A reader is assumed to know the rule:
 * "<5" means 1 to 4, and "x" means at least 5 (zeros are never hidden, they protect nothing).
 *
 * Candidates for secondary suppression are taken in the line's fixed order, not by size: choosing the
 * smallest would tell the reader that the hidden count is no larger than any shown one.
 */

export type Suppression = 'primary' | 'secondary';

/** A published total and the counts it adds up. Keys name cells; one cell may sit in several lines. */
export interface SumLine {
  total: string;
  parts: readonly string[];
}

export const SMALL_CELL_MAX = 4;

interface Bounds {
  lo: number;
  hi: number;
}

export function isSmallCount(value: number): boolean {
  return value >= 1 && value <= SMALL_CELL_MAX;
}

/** Which cells to suppress, and why. Lines are checked in the order given, so the outcome is deterministic. */
export function suppressSmallCells(values: ReadonlyMap<string, number>, lines: readonly SumLine[]): Map<string, Suppression> {
  const suppressed = new Map<string, Suppression>();
  for (const [key, value] of values) if (isSmallCount(value)) suppressed.set(key, 'primary');
  const valueOf = (key: string): number => {
    const value = values.get(key);
    if (value === undefined) throw new RangeError(`No value for cell ${key}`);
    return value;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (pinnedCells(line, values, suppressed).length === 0) continue;
      const candidate = [...line.parts, line.total].find((key) => !suppressed.has(key) && valueOf(key) > 0);
      if (candidate === undefined) continue;
      suppressed.set(candidate, 'secondary');
      changed = true;
    }
  }
  return suppressed;
}

/**
 * The suppressed cells of a line whose exact value follows from the line's shown cells and what the symbols
 * reveal. Empty when the line protects every suppressed cell in it.
 */
export function pinnedCells(line: SumLine, values: ReadonlyMap<string, number>, suppressed: ReadonlyMap<string, Suppression>): string[] {
  const bounds = (key: string): Bounds => {
    const how = suppressed.get(key);
    if (how === 'primary') return { lo: 1, hi: SMALL_CELL_MAX };
    if (how === 'secondary') return { lo: SMALL_CELL_MAX + 1, hi: Infinity };
    const value = values.get(key) as number;
    return { lo: value, hi: value };
  };
  const total = bounds(line.total);
  const parts = line.parts.map(bounds);
  const sumLo = parts.reduce((sum, b) => sum + b.lo, 0);
  const sumHi = parts.reduce((sum, b) => sum + b.hi, 0);
  const pinned: string[] = [];
  if (suppressed.has(line.total) && Math.max(total.lo, sumLo) === Math.min(total.hi, sumHi)) pinned.push(line.total);
  line.parts.forEach((key, index) => {
    if (!suppressed.has(key)) return;
    const own = parts[index];
    const othersLo = sumLo - own.lo;
    const othersHi = own.hi === Infinity ? sumHiWithout(parts, index) : sumHi - own.hi;
    const lo = Math.max(own.lo, total.lo - othersHi);
    const hi = Math.min(own.hi, total.hi - othersLo);
    if (lo === hi) pinned.push(key);
  });
  return pinned;
}

/** Infinity minus Infinity is NaN: an unbounded part's "others" are summed afresh. */
function sumHiWithout(parts: readonly Bounds[], index: number): number {
  return parts.reduce((sum, b, i) => (i === index ? sum : sum + b.hi), 0);
}
