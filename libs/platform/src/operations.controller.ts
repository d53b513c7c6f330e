import { Controller, Get, Header, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from './auth.decorators';
import { Metrics } from './metrics';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { Readiness } from './readiness';

/** Liveness, readiness and Prometheus metrics; public, outside the API prefix. */
@Public()
@Controller()
export class OperationsController {
  constructor(
    private readonly readiness: Readiness,
    private readonly metrics: Metrics,
  ) {}

  @Get('health/live')
  @Header('cache-control', 'no-store')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('health/ready')
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
  async scrape(@Res() reply: FastifyReply): Promise<void> {
    const { contentType, body } = await this.metrics.exposition();
    reply.status(200).header('content-type', contentType).send(body);
  }
}
