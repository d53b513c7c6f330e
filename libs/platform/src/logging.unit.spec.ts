import { Writable } from 'node:stream';
import pino from 'pino';
import type { PlatformConfig } from './config';
import { prettyDestination, prettyLogs } from './logging';

describe('readable logs', () => {
  const written = () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    return { lines, sink };
  };

  it('writes a request as one line: method, path, status, time and user, no JSON', () => {
    const { lines, sink } = written();
    const logger = pino({ base: { service: 'host', pid: 1 } }, prettyDestination(sink));
    logger.info(
      {
        req: { method: 'GET', url: '/api/v1/complaints' },
        res: { statusCode: 200 },
        responseTime: 12,
        correlationId: 'c-1',
        userId: 'agent1',
      },
      'request completed',
    );
    logger.warn({ context: 'ConsoleSite' }, 'no web console');
    const text = lines.join('');
    expect(text).toMatch(
      /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: request completed GET \/api\/v1\/complaints → 200 \(12 ms\) · agent1\n/,
    );
    expect(text).toContain('WARN: [ConsoleSite] no web console\n');
    expect(text).not.toContain('{');
  });

  it.each([
    ['pretty', false, true],
    ['json', true, false],
    ['auto', true, true],
    ['auto', false, false],
  ] as const)('LOG_FORMAT=%s with a terminal %s: readable %s', (logFormat, tty, readable) => {
    const was = process.stdout.isTTY;
    process.stdout.isTTY = tty;
    try {
      expect(prettyLogs({ logFormat } as PlatformConfig)).toBe(readable);
    } finally {
      process.stdout.isTTY = was;
    }
  });
});
