import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';

/** A long-running task of a service: a consumer, a subscription, the relay, a timer. */
export interface BackgroundWorker {
  readonly name: string;
  start(): void | Promise<void>;
  /** Resolves once the work in progress is finished and checkpointed. */
  stop(): Promise<void>;
}

/**
 * The registry of background workers. Services register theirs (typically in `onModuleInit`); all
 * start once the application has bootstrapped and stop, awaited in reverse order, before the
 * application shuts down — so before the database closes.
 */
@Injectable()
export class BackgroundWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(BackgroundWorkers.name);
  private readonly workers: BackgroundWorker[] = [];
  private readonly started: BackgroundWorker[] = [];
  private state: 'idle' | 'running' | 'stopped' = 'idle';

  /** Adds a worker; one registered after bootstrap starts at once (a failed start is logged). */
  register(worker: BackgroundWorker): void {
    if (this.state === 'stopped') throw new Error(`cannot register ${worker.name}: the workers have stopped`);
    this.workers.push(worker);
    if (this.state === 'running') {
      this.start(worker).catch((error: unknown) =>
        this.logger.error(`starting ${worker.name} failed: ${describe(error)}`),
      );
    }
  }

  /** Names of the registered workers, in registration order. */
  names(): string[] {
    return this.workers.map((w) => w.name);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.state = 'running';
    for (const worker of this.workers) await this.start(worker);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stopAll();
  }

  /** Stops every started worker in reverse start order; a failing stop is logged, not rethrown. */
  async stopAll(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    for (const worker of [...this.started].reverse()) {
      try {
        await worker.stop();
        this.logger.log(`stopped ${worker.name}`);
      } catch (error) {
        this.logger.error(`stopping ${worker.name} failed: ${describe(error)}`);
      }
    }
    this.started.length = 0;
  }

  private async start(worker: BackgroundWorker): Promise<void> {
    await worker.start();
    this.started.push(worker);
    this.logger.log(`started ${worker.name}`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
