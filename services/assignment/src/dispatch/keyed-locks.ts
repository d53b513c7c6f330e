import { Injectable } from '@nestjs/common';

/**
 * In-process locks by key: work under one key runs one at a time, in arrival order. Dispatch takes
 * a complaint's key for each command on it and a department's key while it chooses a person and
 * takes the complaint onto their workload, so that 1,000 complaints arriving at once are spread on
 * workloads as they stand, not as they stood when each began. Across processes the streams'
 * expected revisions keep the same rules (a conflict is decided again).
 */
@Injectable()
export class KeyedLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const result = before.then(work, work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Whether work under the key is running or waiting. */
  busy(key: string): boolean {
    return this.tails.has(key);
  }
}
