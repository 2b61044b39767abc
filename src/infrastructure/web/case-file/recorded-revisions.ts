/**
 * `?erfasst=5-6` after a command: the revisions it recorded, shown as the confirmation and marked in the
 * history. Only a range within the case is accepted; anything else shows no confirmation.
 */
export function recordedRevisions(parameter: string | null, lastRevision: number): number[] | null {
  const match = parameter === null ? null : /^(\d{1,9})-(\d{1,9})$/.exec(parameter);
  if (match === null) return null;
  const [from, to] = [Number(match[1]), Number(match[2])];
  if (from > to || to > lastRevision || to - from > 50) return null;
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

export function recordedParameter(revision: number, eventCount: number): string {
  return `${revision - eventCount + 1}-${revision}`;
}
