import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** The names this process handed out (several replicas may run in one process, in tests). */
const issued = new Set<string>();

/**
 * A new name for a replica in the leases it holds: `host:pid:random`, unique per process start,
 * so that a lease names the process that holds it (see `isGoneFromThisHost`).
 */
export function replicaName(): string {
  const name = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  issued.add(name);
  return name;
}

/**
 * Whether a lease owner named by `replicaName` was a process of this host that has ended: its
 * pid runs no process, or it is this process's pid but not a name this process issued (an earlier
 * run of a restarted container, whose pid is the same). False for other hosts and other names,
 * whose leases expire instead. Lets a restarted single-host installation take its leases back
 * at once rather than after a lease time.
 */
export function isGoneFromThisHost(owner: string): boolean {
  const [host, pidText, nonce, ...rest] = owner.split(':');
  if (host !== hostname() || !nonce || rest.length > 0) return false;
  const pid = Number(pidText);
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return !issued.has(owner);
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
