const GROUPED = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** A number as the commands' English output shows it: grouped by thousands, whole (1,223; a rate rounded). */
export function formatNumber(value: number): string {
  return GROUPED.format(value);
}

/** A count and what it counts: "1 event", "1,223 events". */
export function formatCount(count: number, noun: string, plural = `${noun}s`): string {
  return `${formatNumber(count)} ${count === 1 ? noun : plural}`;
}
