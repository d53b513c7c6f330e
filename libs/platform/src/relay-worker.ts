import { serviceStreamCategory } from '@kesu/kernel';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  type Clock,
  type DocumentStore,
  type EventStore,
  type LeaderLeaseDocument,
  Leadership,
  type MessageLog,
  Relay,
} from '@kesu/ports';
import { BackgroundWorkers } from './background-workers';
import { Metrics } from './metrics';
import type { PlatformOptions, RelayLeaseTiming } from './platform-options';
import { isGoneFromThisHost, replicaName } from './replica';
import { CLOCK, DOCUMENT_STORE, EVENT_STORE, MESSAGE_LOG, PLATFORM_OPTIONS } from './tokens';

/** The process that runs every service relays every stream. */
const ALL_IN_ONE = 'host';

/** Where the leases of single-leader roles (one relay per subscription) are kept. */
export const LEADER_LEASES = 'leader_leases';

export const DEFAULT_RELAY_LEASE: RelayLeaseTiming = { leaseMs: 15_000, checkMs: 3_000 };

/**
 * Registers the relay (event store → message log) as a background worker. A service that runs
 * alone relays only its own streams (`<category>-…`, the category being the service's name without
 * dashes: `followup-…` for follow-up) under its own checkpoint, so separately
 * deployed services do not publish each other's events again; the host relays them all.
 *
 * Of a service's replicas, one relays at a time: the holder of the subscription's lease
 * (`Leadership`, in the document store's `LEADER_LEASES`). The others take over when it stops
 * (at their next check) or dies (once its lease is `leaseMs` old; at once for a process of the
 * same host that has ended, so a restarted single-host installation relays without waiting). A
 * leader paused past its lease may publish a batch the new one publishes too: consumers drop the
 * repeat by its message id.
 */
@Injectable()
export class RelayWorker implements OnModuleInit {
  private readonly logger = new Logger('Relay');
  private readonly subscription: string;
  private readonly streamPrefixes?: readonly string[];
  private readonly timing: RelayLeaseTiming;
  private leadership?: Leadership;

  constructor(
    @Inject(PLATFORM_OPTIONS) options: PlatformOptions,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_LOG) private readonly log: MessageLog,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly workers: BackgroundWorkers,
    private readonly metrics: Metrics,
  ) {
    const allInOne = options.service === ALL_IN_ONE;
    this.subscription = allInOne ? 'relay' : `relay-${options.service}`;
    this.streamPrefixes = allInOne ? undefined : [`${serviceStreamCategory(options.service)}-`];
    this.timing = { ...DEFAULT_RELAY_LEASE, ...options.relayLease };
  }

  /** Whether this replica relays now (holds the subscription's lease). */
  get leading(): boolean {
    return this.leadership?.leading ?? false;
  }

  onModuleInit(): void {
    const relay = new Relay(this.store, this.log, {
      name: this.subscription,
      filter: this.streamPrefixes && { streamPrefixes: this.streamPrefixes },
      onError: (error) => this.logger.error(`publishing failed, retrying: ${String(error)}`),
    });
    const leadership = new Leadership({
      collection: this.documents.collection<LeaderLeaseDocument>(LEADER_LEASES),
      role: this.subscription,
      owner: replicaName(),
      clock: this.clock,
      ...this.timing,
      lead: () => {
        this.logger.log(`relaying as ${this.subscription}'s leader`);
        relay.start();
      },
      follow: () => relay.stop(),
      isGone: isGoneFromThisHost,
      onError: (error) => this.logger.warn(`relay lease: ${String(error)}`),
    });
    this.leadership = leadership;
    this.workers.register({ name: 'relay', start: () => leadership.start(), stop: () => leadership.stop() });
    const leader = this.metrics.gauge({
      name: 'kesu_relay_leader',
      help: 'Whether this replica relays its service events to the message log (1) or stands by (0)',
    });
    const lag = this.metrics.gauge({
      name: 'kesu_relay_lag_events',
      help: 'Events stored but not yet published to the message log',
    });
    this.metrics.beforeScrape(async () => {
      leader.set(leadership.leading ? 1 : 0);
      lag.set((await this.store.headPosition()) - (await this.store.checkpoint(this.subscription)));
    });
  }
}
