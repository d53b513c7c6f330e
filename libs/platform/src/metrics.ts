import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import {
  collectDefaultMetrics,
  Counter,
  type CounterConfiguration,
  Gauge,
  type GaugeConfiguration,
  Histogram,
  type HistogramConfiguration,
  type Metric,
  Registry,
} from 'prom-client';
import { deadLetterTopic, type MessageLog } from '@kesu/ports';
import type { PlatformOptions } from './platform-options';
import { PLATFORM_OPTIONS } from './tokens';

export const HTTP_DURATION_METRIC = 'http_request_duration_seconds';

/**
 * The application's Prometheus registry (its own, not prom-client's global one, so several apps can
 * share a process) with default process metrics, the HTTP duration histogram, and get-or-create
 * helpers for the metrics services define.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  private readonly collectors: Array<() => Promise<void>> = [];

  constructor(@Inject(PLATFORM_OPTIONS) options: Pick<PlatformOptions, 'service'>) {
    this.registry.setDefaultLabels({ service: options.service });
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = this.histogram({
      name: HTTP_DURATION_METRIC,
      help: 'Duration of HTTP requests in seconds, by method, route and status code.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    });
  }

  /** The counter of this name, created on first use. */
  counter<L extends string = string>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L> {
    return this.getOrCreate(config.name, () => new Counter<L>({ ...config, registers: [this.registry] }));
  }

  /** The gauge of this name, created on first use. */
  gauge<L extends string = string>(config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L> {
    return this.getOrCreate(config.name, () => new Gauge<L>({ ...config, registers: [this.registry] }));
  }

  /** The histogram of this name, created on first use. */
  histogram<L extends string = string>(config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L> {
    return this.getOrCreate(config.name, () => new Histogram<L>({ ...config, registers: [this.registry] }));
  }

  /** Runs `collect` before every scrape, to refresh gauges read from storage. */
  beforeScrape(collect: () => Promise<void>): void {
    this.collectors.push(collect);
  }

  /** The registry in the Prometheus text format. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    await Promise.all(this.collectors.map((collect) => collect()));
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private getOrCreate<M extends Metric>(name: string, create: () => M): M {
    return (this.registry.getSingleMetric(name) as M | undefined) ?? create();
  }
}

/** Times every HTTP request (including 401s, 404s and body-parser errors) with a Fastify hook. */
@Injectable()
export class HttpMetricsHook implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify?.addHook) return;
    fastify.addHook('onResponse', async (request, reply) => {
      this.metrics.httpDuration.observe(
        {
          method: request.method,
          route: request.routeOptions.url ?? 'unmatched',
          status_code: reply.statusCode,
        },
        reply.elapsedTime / 1000,
      );
    });
  }
}

/** Exposes a consumer group's lag (messages published but not yet handled) per topic. */
export function watchConsumerLag(
  metrics: Metrics,
  log: MessageLog,
  group: string,
  topics: readonly string[],
): void {
  const gauge = metrics.gauge({
    name: 'kesu_consumer_lag_messages',
    help: 'Messages published but not yet handled, per consumer group and topic',
    labelNames: ['group', 'topic'],
  });
  const collect = async () => {
    for (const topic of topics) {
      const partitions = await log.offsets(group, topic);
      gauge.set(
        { group, topic },
        partitions.reduce((lag, p) => lag + p.end - p.committed, 0),
      );
    }
  };
  metrics.beforeScrape(collect);
}

const watchedDeadLetters = new WeakMap<Metrics, Set<string>>();

/**
 * Exposes the messages given up on per topic (`kesu_dead_letters`): the size of each topic's
 * dead-letter topic, whichever consumer group put them there. A poison event shows here at once.
 */
export function watchDeadLetters(metrics: Metrics, log: MessageLog, topics: readonly string[]): void {
  const watched = watchedDeadLetters.get(metrics) ?? new Set<string>();
  watchedDeadLetters.set(metrics, watched);
  const gauge = metrics.gauge({
    name: 'kesu_dead_letters',
    help: 'Messages dead-lettered by a consumer group (poison events), per topic they came from',
    labelNames: ['topic'],
  });
  for (const topic of topics) {
    if (watched.has(topic)) continue;
    watched.add(topic);
    metrics.beforeScrape(async () => {
      const partitions = await log.offsets(DEAD_LETTER_READER, deadLetterTopic(topic));
      gauge.set(
        { topic },
        partitions.reduce((count, p) => count + p.end, 0),
      );
    });
  }
}

/** The group named when only the dead-letter topics' end offsets are wanted (it reads nothing). */
const DEAD_LETTER_READER = 'kesu-metrics';
