import { Controller, Get, Logger, Query } from '@nestjs/common';
import type { EventStore } from '@kesu/ports';
import { Metrics } from './metrics';
import { Readiness } from './readiness';
import { startTestApp, type TestApp } from './test-support';
import { EVENT_STORE } from './tokens';

@Controller('test')
class PingController {
  private readonly logger = new Logger('Ping');

  /** Takes a search (`q`) that must never reach the logs. */
  @Get('ping')
  ping(@Query('q') _search?: string): { pong: true } {
    this.logger.log('pinged');
    return { pong: true };
  }
}

describe('health and metrics', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await startTestApp({ controllers: [PingController] });
  });
  afterEach(() => t.close());

  it('is live without a token', async () => {
    const response = await t.inject({ method: 'GET', url: '/health/live' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('is ready when the event store and the message log answer', async () => {
    const response = await t.inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', checks: { eventStore: 'ok', messageLog: 'ok' } });
  });

  it('is not ready when the event store fails', async () => {
    jest
      .spyOn(t.app.get<EventStore>(EVENT_STORE), 'headPosition')
      .mockRejectedValueOnce(new Error('disk I/O error'));
    const response = await t.inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      status: 503,
      checks: { eventStore: 'disk I/O error', messageLog: 'ok' },
    });
  });

  it('is not ready while a condition a service added is not ok, and says why', async () => {
    let state = 'rebuilding version 2: 5000 events folded';
    t.app.get(Readiness).addCondition('projection.tally', () => state);
    const rebuilding = await t.inject({ method: 'GET', url: '/health/ready' });
    expect(rebuilding.statusCode).toBe(503);
    expect(rebuilding.json().checks).toEqual({
      eventStore: 'ok',
      messageLog: 'ok',
      'projection.tally': 'rebuilding version 2: 5000 events folded',
    });
    state = 'ok';
    const ready = await t.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks['projection.tally']).toBe('ok');
    expect(() => t.app.get(Readiness).addCondition('projection.tally', () => 'ok')).toThrow(/exists already/);
  });

  it('is not ready once shutdown has begun', async () => {
    t.app.get(Readiness).markShuttingDown();
    const response = await t.inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(503);
    expect((await t.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
  });

  it('exposes the HTTP duration histogram by method, route and status after a request', async () => {
    const token = await t.tokenFor('agent1');
    await t.inject({ method: 'GET', url: '/test/ping', headers: { authorization: `Bearer ${token}` } });
    const response = await t.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toContain('# TYPE http_request_duration_seconds histogram');
    expect(response.body).toMatch(
      /http_request_duration_seconds_count\{[^}]*method="GET",route="\/test\/ping",status_code="200"\} 1/,
    );
    expect(response.body).toContain('process_cpu_user_seconds_total');
  });

  it('gives each app its own registry, and services their own metrics', async () => {
    const other = await startTestApp({ relay: false });
    try {
      t.app
        .get(Metrics)
        .counter({ name: 'complaints_registered_total', help: 'Complaints registered.' })
        .inc(2);
      expect(t.app.get(Metrics).counter({ name: 'complaints_registered_total', help: 'same' })).toBe(
        t.app.get(Metrics).registry.getSingleMetric('complaints_registered_total'),
      );
      expect((await t.inject({ method: 'GET', url: '/metrics' })).body).toMatch(
        /complaints_registered_total\{[^}]*\} 2/,
      );
      expect((await other.inject({ method: 'GET', url: '/metrics' })).body).not.toContain(
        'complaints_registered_total',
      );
    } finally {
      await other.close();
    }
  });
});

describe('request logging', () => {
  it('logs JSON with the correlation id and user id, echoes the id, and never logs credentials', async () => {
    const lines: string[] = [];
    const t = await startTestApp({
      controllers: [PingController],
      relay: false,
      config: { logLevel: 'info' },
      logDestination: { write: (line: string) => void lines.push(line) },
    });
    try {
      const token = await t.tokenFor('handler1');
      const response = await t.inject({
        method: 'GET',
        url: '/test/ping?q=secret-search',
        headers: { authorization: `Bearer ${token}`, 'x-correlation-id': 'corr-123' },
      });
      expect(response.headers['x-correlation-id']).toBe('corr-123');
      const generated = await t.inject({ method: 'GET', url: '/health/live' });
      expect(generated.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await t.close();
    }
    const logs = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const completed = logs.find((l) => l.msg === 'request completed' && l.correlationId === 'corr-123');
    expect(completed).toMatchObject({ userId: 'user-handler1', req: { method: 'GET', url: '/test/ping' } });
    expect(logs.find((l) => l.msg === 'pinged')).toMatchObject({ correlationId: 'corr-123' });
    expect(
      logs.filter((l) => l.msg === 'request completed' && (l.req as { url: string }).url === '/health/live'),
    ).toEqual([]);
    const all = lines.join('');
    expect(all).not.toMatch(/authorization|Bearer|eyJ|secret-search/i);
  });
});
