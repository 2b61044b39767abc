import { nowMicros } from './latency.stats';

/**
 * `writers` loops, each awaiting its operation before starting the next (a closed loop: a writer appends to its
 * stream only after its previous append returned, as a command handler does). Stops starting new operations at
 * the deadline and waits for those in flight.
 */
export interface ClosedLoopResult {
  operations: number;
  seconds: number;
  latenciesMicros: number[];
  /** CPU time (user + system) this process spent meanwhile: the client's share of the two cores. */
  clientCpuSeconds: number;
}

export async function runClosedLoop(
  writers: number,
  durationSeconds: number,
  makeWriter: (writer: number) => () => Promise<void>,
): Promise<ClosedLoopResult> {
  const latenciesMicros: number[] = [];
  const loops = Array.from({ length: writers }, (_, writer) => makeWriter(writer));
  const cpuBefore = process.cpuUsage();
  const started = nowMicros();
  const deadline = started + durationSeconds * 1_000_000;
  await Promise.all(
    loops.map(async (operation) => {
      while (nowMicros() < deadline) {
        const t0 = nowMicros();
        await operation();
        latenciesMicros.push(nowMicros() - t0);
      }
    }),
  );
  const seconds = (nowMicros() - started) / 1_000_000;
  const cpu = process.cpuUsage(cpuBefore);
  return { operations: latenciesMicros.length, seconds, latenciesMicros, clientCpuSeconds: (cpu.user + cpu.system) / 1e6 };
}
