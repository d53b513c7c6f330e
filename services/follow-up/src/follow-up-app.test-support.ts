import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { followUpStream, type MessageRecordedData } from '@kesu/follow-up-contracts';
import { intakeStream } from '@kesu/intake-contracts';
import { type RecordedEvent, sealPersonalData } from '@kesu/kernel';
import { createApp, DEMO_DIRECTORY, EVENT_STORE, KEY_STORE, PlatformModule } from '@kesu/platform';
import type { EventStore, KeyStore } from '@kesu/ports';
import { appendAsService, type ServiceEvent } from '@kesu/testing';
import { v7 as uuidv7 } from 'uuid';
import { FollowUpModule } from './follow-up.module';

/*
 * Follow-up in process, on the platform with the embedded adapters in a temp folder (the log
 * notifier writes there). Other services' events are appended to their streams as they would
 * record them, and published by the relay.
 */

export interface FollowUpTestApp {
  readonly app: NestFastifyApplication;
  readonly store: EventStore;
  /** The temp folder of the app's data (the log notifier's `outbox.log` is there). */
  readonly dataDir: string;
  /** Appends a ComplaintReceived as intake would, the complainant's details sealed with their key. */
  receive(complainant?: { email?: string; phone?: string }, language?: 'zh' | 'en'): Promise<string>;
  /** Appends an event of another service to a stream of the complaint, in its tenant and branch. */
  record(streamId: string, complaintId: string, type: string, data: object): Promise<RecordedEvent>;
  /** The messages recorded on the complaint's follow-up stream. */
  messages(complaintId: string): Promise<MessageRecordedData[]>;
  /** Waits (at most 10 s) until `check` holds. */
  until(check: () => Promise<boolean>): Promise<void>;
  close(): Promise<void>;
}

export const TEST_RESPOND_BY = '2026-12-08T10:00:00.000Z';

/** Starts follow-up on the demo directory, `emails` given to those of its people named (by user id). */
export async function startFollowUpApp(
  emails: Readonly<Record<string, string>> = {},
): Promise<FollowUpTestApp> {
  const directory = {
    ...DEMO_DIRECTORY,
    users: DEMO_DIRECTORY.users.map((u) => (emails[u.id] ? { ...u, email: emails[u.id] } : u)),
  };
  const dataDir = mkdtempSync(join(tmpdir(), 'kesu-follow-up-'));
  class TestApp {}
  Module({
    imports: [
      PlatformModule.forRoot({
        service: 'host',
        env: {},
        directories: [directory],
        config: { dataDir, logLevel: 'silent', pollIntervalMs: 10 },
      }),
      FollowUpModule,
    ],
  })(TestApp);
  const app = await createApp(TestApp, { useLogger: false });
  const store = app.get<EventStore>(EVENT_STORE);
  const keys = app.get<KeyStore>(KEY_STORE);
  const append = (streamId: string, event: ServiceEvent) => appendAsService(store, streamId, event);
  const t: FollowUpTestApp = {
    app,
    store,
    dataDir,
    async receive(complainant = {}, language = 'zh') {
      const complaintId = uuidv7();
      const subjectId = `contact-${complaintId}`;
      const key = await keys.getOrCreate('demo', subjectId);
      const receivedAt = new Date().toISOString();
      await append(intakeStream(complaintId), {
        type: 'ComplaintReceived',
        schemaVersion: 1,
        occurredAt: receivedAt,
        tenantId: 'demo',
        branchId: 'east-1',
        correlationId: complaintId,
        data: {
          complaintId,
          reference: `KS-TEST-${complaintId.slice(-6)}`,
          channel: 'web',
          branchId: 'east-1',
          complainant: {
            subjectId,
            sealed: sealPersonalData(key, subjectId, { name: '王女士', ...complainant }),
          },
          subject: { type: 'product', name: '智能电表' },
          description: '新装的智能电表计量不准，电费翻倍。',
          complainantCount: 1,
          language,
          receivedAt,
          acknowledgement: { respondBy: TEST_RESPOND_BY },
        },
      });
      return complaintId;
    },
    record: async (streamId, complaintId, type, data) => {
      const at = new Date().toISOString();
      return append(streamId, {
        type,
        schemaVersion: 1,
        occurredAt: at,
        tenantId: 'demo',
        branchId: 'east-1',
        correlationId: complaintId,
        data: { complaintId, ...data },
      });
    },
    async messages(complaintId) {
      const events = await store.readStream(followUpStream(complaintId));
      return events.filter((e) => e.type === 'MessageRecorded').map((e) => e.data as MessageRecordedData);
    },
    async until(check) {
      const deadline = Date.now() + 10_000;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error('condition not met in time');
        await new Promise((r) => setTimeout(r, 30));
      }
    },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}
