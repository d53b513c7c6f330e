import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type EventStore, type MessageLog, Relay, serviceStreamCategory } from '@kesu/ports';
import { BackgroundWorkers } from './background-workers';
import { Metrics } from './metrics';
import type { PlatformOptions } from './platform-options';
import { EVENT_STORE, MESSAGE_LOG, PLATFORM_OPTIONS } from './tokens';

/** The process that runs every service relays every stream. */
const ALL_IN_ONE = 'host';

/**
 * Registers the relay (event store → message log) as a background worker. A service that runs
 * alone relays only its own streams (`<category>-…`, the category being the service's name without
 * dashes: `followup-…` for follow-up) under its own checkpoint, so separately
 * deployed services do not publish each other's events again; the host relays them all.
 */
@Injectable()
export class RelayWorker implements OnModuleInit {
  private readonly logger = new Logger('Relay');
  private readonly subscription: string;
  private readonly streamPrefixes?: readonly string[];

  constructor(
    @Inject(PLATFORM_OPTIONS) options: PlatformOptions,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_LOG) private readonly log: MessageLog,
    private readonly workers: BackgroundWorkers,
    private readonly metrics: Metrics,
  ) {
    const allInOne = options.service === ALL_IN_ONE;
    this.subscription = allInOne ? 'relay' : `relay-${options.service}`;
    this.streamPrefixes = allInOne ? undefined : [`${serviceStreamCategory(options.service)}-`];
  }

  onModuleInit(): void {
    const relay = new Relay(this.store, this.log, {
      name: this.subscription,
      filter: this.streamPrefixes && { streamPrefixes: this.streamPrefixes },
      onError: (error) => this.logger.error(`publishing failed, retrying: ${String(error)}`),
    });
    this.workers.register({ name: 'relay', start: () => relay.start(), stop: () => relay.stop() });
    const lag = this.metrics.gauge({
      name: 'kesu_relay_lag_events',
      help: 'Events stored but not yet published to the message log',
    });
    this.metrics.beforeScrape(async () => {
      lag.set((await this.store.headPosition()) - (await this.store.checkpoint(this.subscription)));
    });
  }
}
