import { connect } from 'node:net';

/** The first answer to a raw request: its status (null when none came) and body, and when it came. */
export interface RawAnswer {
  readonly status: number | null;
  readonly body: string;
  readonly elapsedMs: number;
}

/**
 * Writes `head` (request line and headers, without the blank line) and `sent` of the body to a
 * listening server, sends nothing more, and waits up to `waitMs` for the answer: what a client that
 * announces a large body, or stalls in the middle of one, gets back.
 */
export function rawRequest(port: number, head: string, sent = '', waitMs = 2000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let received = '';
    let settled = false;
    const socket = connect(port, '127.0.0.1', () => socket.write(`${head}\r\n\r\n${sent}`));
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const status = /^HTTP\/1\.1 (\d{3})/.exec(received)?.[1];
      const bodyAt = received.indexOf('\r\n\r\n');
      resolve({
        status: status === undefined ? null : Number(status),
        body: bodyAt < 0 ? '' : received.slice(bodyAt + 4),
        elapsedMs: Date.now() - started,
      });
    };
    const timer = setTimeout(finish, waitMs);
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
      const length = /\r\ncontent-length: (\d+)/i.exec(received)?.[1];
      const bodyAt = received.indexOf('\r\n\r\n');
      if (length !== undefined && bodyAt >= 0 && received.length - bodyAt - 4 >= Number(length)) finish();
    });
    socket.on('close', finish);
    socket.on('error', (error) => (settled ? undefined : reject(error)));
  });
}

/** A request head with the given headers (lower-case names), as a client would send it. */
export function requestHead(method: string, path: string, headers: Record<string, string>): string {
  return [
    `${method} ${path} HTTP/1.1`,
    'host: localhost',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ].join('\r\n');
}
