import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import type { OutgoingNotification } from '@kesu/ports';
import { LogNotifier } from './log-notifier';
import { SmtpNotifier } from './smtp-notifier';
import { WebhookSmsNotifier } from './webhook-notifier';

const notification = (channel: OutgoingNotification['channel'], to: string): OutgoingNotification => ({
  messageId: 'resolution-0193f0a2',
  channel,
  to,
  subject: '投诉处理结果 KS-1',
  text: '您的投诉已处理 <退款>',
  html: '<p>您的投诉已处理 &lt;退款&gt;</p>',
  language: 'zh-CN',
});

const listen = (server: Server | SMTPServer['server']) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );

const bodyOf = async (request: IncomingMessage): Promise<string> => {
  let body = '';
  for await (const chunk of request) body += String(chunk);
  return body;
};

describe('the SMS gateway webhook', () => {
  let server: Server;
  let url: string;
  const seen: { headers: IncomingMessage['headers']; body: unknown }[] = [];
  let answer = 202;

  beforeAll(async () => {
    server = createServer((request, response) => {
      void bodyOf(request).then((body) => {
        seen.push({ headers: request.headers, body: JSON.parse(body) });
        response.writeHead(answer, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ id: 'gw-1' }));
      });
    });
    url = `http://127.0.0.1:${await listen(server)}/sms`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('posts the text to the gateway with the message id as idempotency key and the token', async () => {
    const receipt = await new WebhookSmsNotifier(url, 'secret').send(notification('sms', '13800000000'));
    expect(receipt).toEqual({ providerId: 'gw-1' });
    expect(seen[0]!.body).toEqual({
      messageId: 'resolution-0193f0a2',
      to: '13800000000',
      text: '您的投诉已处理 <退款>',
      language: 'zh-CN',
    });
    expect(seen[0]!.headers).toMatchObject({
      'idempotency-key': 'resolution-0193f0a2',
      authorization: 'Bearer secret',
    });
  });

  it('rejects when the gateway refuses, so the outbox retries', async () => {
    answer = 503;
    await expect(new WebhookSmsNotifier(url).send(notification('sms', '138'))).rejects.toThrow('503');
  });
});

describe('the SMTP notifier', () => {
  it('sends the e-mail with a Message-ID derived from the message id', async () => {
    const raw: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
        stream.on('end', () => {
          raw.push(data);
          callback();
        });
      },
    });
    const port = await listen(server.server);
    const notifier = new SmtpNotifier(`smtp://127.0.0.1:${port}`, 'Kesu <no-reply@kesu.local>');
    try {
      const receipt = await notifier.send(notification('email', 'wang@example.com'));
      expect(receipt).toEqual({ providerId: '<resolution-0193f0a2@kesu>' });
      expect(raw[0]).toContain('Message-ID: <resolution-0193f0a2@kesu>');
      expect(raw[0]).toContain('To: wang@example.com');
    } finally {
      notifier.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('the log notifier (the embedded default)', () => {
  it('appends what would be sent to its file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kesu-outbox-')), 'outbox.log');
    const notifier = new LogNotifier(file);
    expect(notifier.handles('letter')).toBe(true);
    await notifier.send(notification('letter', '王女士'));
    await notifier.send(notification('email', 'wang@example.com'));
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as OutgoingNotification);
    expect(lines.map((l) => [l.channel, l.to])).toEqual([
      ['letter', '王女士'],
      ['email', 'wang@example.com'],
    ]);
    expect(lines[0]!.text).toBe('您的投诉已处理 <退款>');
  });
});
