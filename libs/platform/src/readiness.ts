import { type BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import type { EventStore, MessageLog } from '@kesu/ports';
import { EVENT_STORE, MESSAGE_LOG } from './tokens';

/** The answer of a readiness check: each dependency is `ok` or the reason it failed. */
export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, string>>;
}

/** A condition a service adds to readiness: `ok`, or why the process should not receive traffic yet. */
export type ReadinessCondition = () => string;

const HEALTH_TOPIC = 'platform.health.v1';
const HEALTH_GROUP = 'platform.health';
const CHECK_TIMEOUT_MS = 2000;

/**
 * Whether the process should receive traffic: the event store and the message log answer, every
 * condition services added is `ok` (e.g. a read model is not being rebuilt), and shutdown has not
 * begun (marked by the signal handler, or at the latest before shutdown hooks).
 */
@Injectable()
export class Readiness implements BeforeApplicationShutdown {
  private shuttingDown = false;
  private topicReady?: Promise<void>;
  private readonly conditions = new Map<string, ReadinessCondition>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_LOG) private readonly log: MessageLog,
  ) {}

  /** From now on the process reports not ready. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  /** Adds a named condition, reported among the checks; the process is ready only while it is `ok`. */
  addCondition(name: string, condition: ReadinessCondition): void {
    if (name === 'eventStore' || name === 'messageLog' || this.conditions.has(name)) {
      throw new Error(`readiness condition ${name} exists already`);
    }
    this.conditions.set(name, condition);
  }

  beforeApplicationShutdown(): void {
    this.markShuttingDown();
  }

  async check(): Promise<ReadinessReport> {
    if (this.shuttingDown) return { ready: false, checks: { shutdown: 'shutting down' } };
    const [eventStore, messageLog] = await Promise.all([
      probe(() => this.store.headPosition()),
      probe(async () => {
        this.topicReady ??= this.log.ensureTopic(HEALTH_TOPIC, 1).catch((error: unknown) => {
          this.topicReady = undefined;
          throw error;
        });
        await this.topicReady;
        await this.log.offsets(HEALTH_GROUP, HEALTH_TOPIC);
      }),
    ]);
    const checks: Record<string, string> = { eventStore, messageLog };
    for (const [name, condition] of this.conditions) checks[name] = evaluate(condition);
    return { ready: Object.values(checks).every((check) => check === 'ok'), checks };
  }
}

function evaluate(condition: ReadinessCondition): string {
  try {
    return condition();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function probe(check: () => Promise<unknown>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'ok';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}
