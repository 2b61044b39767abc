/** One event as a reader delivered it; `revision` counts from 0 in every store. */
export interface Delivery {
  id: string;
  stream: string;
  revision: number;
}

export interface DeliveryAudit {
  written: number;
  delivered: number;
  lost: number;
  duplicated: number;
  /** Delivered ids that no writer wrote: must be 0, or the audit itself is wrong. */
  unknown: number;
  /** Deliveries whose revision is not the next one of their stream: a projection would see the stream out of order. */
  outOfStreamOrder: number;
}

/** Compares what a reader delivered with what the writers wrote: exactly once means lost = duplicated = 0. */
export function auditDeliveries(writtenIds: readonly string[], deliveries: readonly Delivery[]): DeliveryAudit {
  const written = new Set(writtenIds);
  const seen = new Set<string>();
  const nextRevision = new Map<string, number>();
  let duplicated = 0;
  let unknown = 0;
  let outOfStreamOrder = 0;
  for (const delivery of deliveries) {
    if (seen.has(delivery.id)) duplicated++;
    else seen.add(delivery.id);
    if (!written.has(delivery.id)) unknown++;
    const expected = nextRevision.get(delivery.stream) ?? 0;
    if (delivery.revision !== expected) outOfStreamOrder++;
    nextRevision.set(delivery.stream, Math.max(expected, delivery.revision + 1));
  }
  let lost = 0;
  for (const id of written) if (!seen.has(id)) lost++;
  return { written: written.size, delivered: deliveries.length, lost, duplicated, unknown, outOfStreamOrder };
}
