import { cpus, freemem, release, totalmem, type, arch } from 'node:os';

/** What the figures were measured on. */
export function machine() {
  const cores = cpus();
  return {
    os: `${type()} ${release()} ${arch()}`,
    cpuModel: cores[0]?.model ?? 'unknown',
    cpuCount: cores.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    node: process.version,
    date: new Date().toISOString(),
  };
}
