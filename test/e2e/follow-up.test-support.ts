import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { createEmbeddedStorage } from '@kesu/adapter-embedded';
import { caseStream, type ComplaintResolvedData } from '@kesu/assignment-contracts';
import { intakeStream } from '@kesu/intake-contracts';
import type { HostProcess } from './host-process';

/** A message the test's SMTP server accepted. */
export interface ReceivedMail {
  readonly messageId: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** How the test's SMTP server treats the messages it is sent, in order (`accept` after the list). */
export type MailBehaviour = 'accept' | 'fail' | 'hold';

/**
 * A real SMTP server on a free port (the `smtp-server` package): it parses and keeps what it
 * accepts; `fail` answers a temporary error, `hold` never answers the message (a sender that dies
 * meanwhile never learns whether it went through).
 */
export class TestSmtpServer {
  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    /** What it accepted, in order. */
    readonly received: ReceivedMail[],
    private readonly counts: { arrived: number },
  ) {}

  /** Messages whose data arrived, whatever the answer. */
  get arrived(): number {
    return this.counts.arrived;
  }

  static async start(behaviours: MailBehaviour[] = []): Promise<TestSmtpServer> {
    const received: ReceivedMail[] = [];
    const counts = { arrived: 0 };
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream).then(
          (mail) => {
            counts.arrived++;
            const behaviour = behaviours.shift() ?? 'accept';
            if (behaviour === 'hold') return;
            if (behaviour === 'fail') {
              const error = Object.assign(new Error('try again later'), { responseCode: 451 });
              return callback(error);
            }
            const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
            received.push({
              messageId: mail.messageId ?? '',
              to: to?.value[0]?.address ?? '',
              subject: mail.subject ?? '',
              text: mail.text ?? '',
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    return new TestSmtpServer(server, port, received, counts);
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The host's environment for follow-up tests: e-mail through the test's server, quick timers. */
export const followUpEnv = (smtp: TestSmtpServer): Record<string, string> => ({
  FOLLOW_UP_SMTP_URL: smtp.url,
  FOLLOW_UP_TICK_MS: '100',
  FOLLOW_UP_RETRY_BASE_MS: '300',
  FOLLOW_UP_CLAIM_MS: '2000',
});

/** Registers a complaint by e-mail in English at Shanghai; answers its id and reference. */
export async function registerByEmail(host: HostProcess, token: string, email: string) {
  const reply = await host.request('POST', '/api/v1/complaints', {
    token,
    body: {
      channel: 'email',
      branchId: 'east-1',
      complainant: { name: 'Ms Wang', email },
      subject: { type: 'service', name: 'Broadband installation' },
      description:
        'The technician did not come to install the broadband three times, and I was charged a fee.',
      language: 'en',
    },
  });
  if (reply.status !== 201) throw new Error(`register: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body as { complaintId: string; reference: string };
}

/**
 * Case work's `ComplaintResolved` on the complaint's case stream, appended as case work would (its
 * service is built elsewhere): through the embedded event store on the host's own file.
 */
export async function appendResolved(
  host: HostProcess,
  complaintId: string,
  summary: string,
): Promise<string> {
  const storage = createEmbeddedStorage({ dataDir: host.dataDir });
  try {
    const [received] = await storage.eventStore.readStream(intakeStream(complaintId), { maxCount: 1 });
    const eventId = randomUUID();
    const data: ComplaintResolvedData = {
      complaintId,
      resolvedBy: 'user-handler1',
      resolvedAt: new Date().toISOString(),
      outcome: 'agreed',
      remedies: [{ type: 'refund', amount: 50, currency: 'CNY' }],
      summary,
    };
    await storage.eventStore.appendToStream(
      caseStream(complaintId),
      [
        {
          eventId,
          type: 'ComplaintResolved',
          schemaVersion: 1,
          data,
          occurredAt: data.resolvedAt,
          tenantId: received!.tenantId,
          branchId: received!.branchId,
          correlationId: complaintId,
          causationId: eventId,
          actor: { kind: 'user', id: 'user-handler1', roles: ['handler'] },
        },
      ],
      'any',
    );
    return eventId;
  } finally {
    await storage.close();
  }
}

/** The complaint's follow-up once `check` holds for it. */
export const followUpWhen = (
  host: HostProcess,
  token: string,
  complaintId: string,
  check: (view: any) => boolean,
  ms = 15_000,
) =>
  host.eventually(async () => {
    const reply = await host.request('GET', `/api/v1/complaints/${complaintId}/follow-up`, { token });
    return reply.status === 200 && check(reply.body) ? reply.body : undefined;
  }, ms);

/** The resolution notice among a follow-up's messages (staff notices and others may come before it). */
export const resolutionOf = (view: any) =>
  view.messages.find((m: { kind: string }) => m.kind === 'resolution_notice');

/** The kinds of the messages to the complainant, in order (staff notices left out). */
export const customerKinds = (view: any): string[] =>
  view.messages.map((m: { kind: string }) => m.kind).filter((kind: string) => !kind.startsWith('staff_'));
