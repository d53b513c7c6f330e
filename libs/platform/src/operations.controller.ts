import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { NotFoundError } from '@kesu/kernel';
import type { FastifyReply } from 'fastify';
import { Public } from './auth.decorators';
import type { PlatformConfig } from './config';
import { Metrics } from './metrics';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { Readiness } from './readiness';
import { NotRateLimited } from './route-config';
import { CONFIG } from './tokens';

/**
 * Liveness, readiness and Prometheus metrics; public, outside the API prefix, not rate limited.
 * With METRICS_PORT set, `/metrics` is served there (MetricsListener) and is a 404 here.
 */
@Public()
@Controller()
export class OperationsController {
  constructor(
    private readonly readiness: Readiness,
    private readonly metrics: Metrics,
    @Inject(CONFIG) private readonly config: PlatformConfig,
  ) {}

  @Get('health/live')
  @NotRateLimited()
  @Header('cache-control', 'no-store')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('health/ready')
  @NotRateLimited()
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const report = await this.readiness.check();
    reply.header('cache-control', 'no-store');
    if (report.ready) {
      reply.status(200).send({ status: 'ok', checks: report.checks });
      return;
    }
    reply
      .status(503)
      .header('content-type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`)
      .send(
        JSON.stringify({
          type: 'about:blank',
          title: 'Service Unavailable',
          status: 503,
          detail: 'The service is not ready to receive traffic.',
          instance: '/health/ready',
          checks: report.checks,
        }),
      );
  }

  @Get('metrics')
  @NotRateLimited()
  async scrape(@Res() reply: FastifyReply): Promise<void> {
    if (this.config.metricsPort !== undefined)
      throw new NotFoundError('metrics.elsewhere', 'Metrics are served on the metrics port.');
    const { contentType, body } = await this.metrics.exposition();
    reply.status(200).header('content-type', contentType).send(body);
  }
}
