import fc from 'fast-check';
import { pinnedCells, suppressSmallCells, type SumLine } from '../../../src/domain/reporting/small-cell.suppression';

/** A table of parts with row totals, column totals and a grand total, as the report publishes them. */
function grid(values: number[][]): { values: Map<string, number>; lines: SumLine[] } {
  const cells = new Map<string, number>();
  const lines: SumLine[] = [];
  const rows = values.length;
  values.forEach((row, r) => row.forEach((value, c) => cells.set(`${r}/${c}`, value)));
  for (let r = 0; r < rows; r++) {
    cells.set(`${r}/T`, values[r].reduce((a, b) => a + b, 0));
    lines.push({ total: `${r}/T`, parts: values[r].map((_, c) => `${r}/${c}`) });
  }
  for (const c of [...values[0].keys(), 'T' as const]) {
    const parts = values.map((_, r) => `${r}/${c}`);
    cells.set(`T/${c}`, parts.reduce((sum, key) => sum + (cells.get(key) as number), 0));
    lines.push({ total: `T/${c}`, parts });
  }
  return { values: cells, lines };
}

/** One published total over its parts, as in a one-column table. */
function line(values: number[]): { values: Map<string, number>; lines: SumLine[] } {
  const cells = new Map<string, number>(values.map((value, i) => [`0/${i}`, value]));
  cells.set('0/T', values.reduce((a, b) => a + b, 0));
  return { values: cells, lines: [{ total: '0/T', parts: values.map((_, i) => `0/${i}`) }] };
}

/**
 * Independently of the algorithm: a reader who knows that "<5" is 1 to 4 and "x" at least 5 works out each
 * suppressed cell's possible values from one published total and the shown cells of its line.
 */
function recomputable(values: Map<string, number>, lines: SumLine[], suppressed: Map<string, 'primary' | 'secondary'>): string[] {
  const found: string[] = [];
  for (const line of lines) {
    if (suppressed.has(line.total)) continue;
    const hidden = line.parts.filter((key) => suppressed.has(key));
    const rest = (values.get(line.total) as number) - line.parts.filter((key) => !suppressed.has(key)).reduce((sum, key) => sum + (values.get(key) as number), 0);
    for (const key of hidden) {
      const others = hidden.filter((other) => other !== key);
      const low = (k: string) => (suppressed.get(k) === 'primary' ? 1 : 5);
      const high = (k: string) => (suppressed.get(k) === 'primary' ? 4 : Infinity);
      const min = Math.max(low(key), rest - others.reduce((sum, k) => sum + high(k), 0));
      const max = Math.min(high(key), rest - others.reduce((sum, k) => sum + low(k), 0));
      if (min === max) found.push(key);
    }
  }
  return found;
}

describe('small-cell suppression', () => {
  it('shows 1 to 4 as primary, leaves 0 and 5 and more alone', () => {
    const { values, lines } = line([0, 1, 4, 5, 12]);
    const suppressed = suppressSmallCells(values, lines);
    expect(suppressed.get('0/1')).toBe('primary');
    expect(suppressed.get('0/2')).toBe('primary');
    expect(['0/0', '0/3', '0/4'].map((key) => suppressed.has(key))).toEqual([false, false, false]);
  });

  it('hides a second cell when a single small one could be worked out from the total', () => {
    // 40 women, 35 men, 1 diverse: 76 - 40 - 35 = 1 unless another cell is hidden.
    const { values, lines } = line([40, 35, 1, 0]);
    const suppressed = suppressSmallCells(values, lines);
    expect([...suppressed]).toEqual([
      ['0/2', 'primary'],
      ['0/0', 'secondary'],
    ]);
    expect(recomputable(values, lines, suppressed)).toEqual([]);
  });

  it('hides more than one when the second cell would pin the first (a total just above the hidden ones)', () => {
    // 1 + 5 = 6: with "<5" (1..4) and "x" (>= 5) only 1 and 5 fit, so a third cell is hidden too.
    const { values, lines } = line([1, 5, 7]);
    const suppressed = suppressSmallCells(values, lines);
    expect(suppressed.size).toBe(3);
    expect(recomputable(values, lines, suppressed)).toEqual([]);
  });

  it('protects a cell through both its row and its column', () => {
    const { values, lines } = grid([
      [20, 3, 30],
      [25, 40, 35],
      [15, 10, 50],
    ]);
    const suppressed = suppressSmallCells(values, lines);
    expect(suppressed.get('0/1')).toBe('primary');
    expect(recomputable(values, lines, suppressed)).toEqual([]);
    for (const line of lines) expect(pinnedCells(line, values, suppressed)).toEqual([]);
  });

  it('property: no suppressed value can be recomputed from the totals of its row or column', () => {
    const smallish = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 }));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 7 }), fc.infiniteStream(smallish), (rows, columns, stream) => {
        const source = stream[Symbol.iterator]();
        const values = Array.from({ length: rows }, () => Array.from({ length: columns }, () => source.next().value as number));
        const table = grid(values);
        const suppressed = suppressSmallCells(table.values, table.lines);
        for (const [key, value] of table.values) if (value >= 1 && value <= 4) expect(suppressed.get(key)).toBe('primary');
        for (const [key, how] of suppressed) if (how === 'secondary') expect(table.values.get(key)).toBeGreaterThanOrEqual(5);
        expect(recomputable(table.values, table.lines, suppressed)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
