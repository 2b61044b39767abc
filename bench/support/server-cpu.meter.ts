import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU seconds the local PostgreSQL server spent (every `postgres` process, plus the backends that ended, which
 * the postmaster collects as its children's time). A rebuild shares two cores between Node and the server, so
 * where the time goes decides what to make cheaper. `null` where /proc shows no server (a remote database).
 */
export function serverCpuSeconds(): number | null {
  const ticksPerSecond = 100; // USER_HZ on Linux
  let ticks = 0;
  let found = false;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (fields === null || fields.comm !== 'postgres') continue;
    found = true;
    ticks += fields.utime + fields.stime;
    // The postmaster: its parent is not a postgres process; its children's time is that of ended backends.
    if (statFields(String(fields.ppid))?.comm !== 'postgres') ticks += fields.cutime + fields.cstime;
  }
  return found ? ticks / ticksPerSecond : null;
}

interface StatFields {
  comm: string;
  ppid: number;
  utime: number;
  stime: number;
  cutime: number;
  cstime: number;
}

function statFields(pid: string): StatFields | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null; // ended meanwhile, or not ours to read
  }
  // The command name is in parentheses and may hold spaces; the numbered fields follow the last ')'.
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  const rest = text.slice(close + 2).split(' ');
  // rest[0] is field 3 (state): ppid is field 4, utime 14, stime 15, cutime 16, cstime 17.
  return {
    comm: text.slice(open + 1, close),
    ppid: Number(rest[1]),
    utime: Number(rest[11]),
    stime: Number(rest[12]),
    cutime: Number(rest[13]),
    cstime: Number(rest[14]),
  };
}
