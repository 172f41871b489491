import { readFileSync } from 'node:fs';
import { Client } from 'pg';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/**
 * CPU time of the PostgreSQL backends serving one database, read from
 * /proc/<pid>/stat (utime + stime): a snapshot before and after a measurement,
 * taken over the backends present at either moment, so the cost of connections
 * opened during it counts too. Only the benchmark's database: other databases
 * on the same server (tests running meanwhile) are not counted. PostgreSQL must
 * run on this machine (it does for 127.0.0.1).
 */
export class PostgresCpu {
  constructor(private readonly admin: Client, private readonly database: string) {}

  async snapshot(): Promise<Map<number, number>> {
    const { rows } = await this.admin.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [this.database]);
    const ms = new Map<number, number>();
    for (const { pid } of rows) {
      const ticks = cpuTicks(pid);
      if (ticks !== null) ms.set(pid, (ticks * 1000) / TICKS_PER_SECOND);
    }
    return ms;
  }

  /** Milliseconds of CPU the backends used between two snapshots. */
  static between(before: Map<number, number>, after: Map<number, number>): number {
    let total = 0;
    for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
    return total;
  }
}

function cpuTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the whole line)
  } catch {
    return null; // the backend ended
  }
}
