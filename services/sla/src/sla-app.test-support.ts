import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { intakeStream } from '@kesu/intake-contracts';
import type { RecordedEvent } from '@kesu/kernel';
import { AccessTokens, createApp, DEMO_DIRECTORY, EVENT_STORE, PlatformModule } from '@kesu/platform';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { EventStore, ManualClock } from '@kesu/ports';
import { slaStream } from '@kesu/sla-contracts';
import { appendAsService, type ServiceEvent } from '@kesu/testing';
import { v7 as uuidv7 } from 'uuid';
import { SCHEDULER_TIMING, SlaScheduler, SlaTimers } from './clocks';
import { slaControllers, slaProviders } from './sla.module';

/*
 * The SLA service in process on the platform with the embedded adapters, in a data folder the spec
 * gives (two apps on one folder are two replicas; one after another, a restart), on a clock the spec
 * sets. The scheduler ticks at start and when the spec asks (`tick`).
 */

export interface SlaTestApp {
  readonly app: NestFastifyApplication;
  readonly store: EventStore;
  /** An HTTP request as a demo user (by username), with the headers given. */
  request(
    as: string,
    method: 'GET' | 'PUT' | 'POST',
    url: string,
    payload?: object,
    headers?: Readonly<Record<string, string>>,
  ): Promise<LightMyRequestResponse>;
  /** One scheduler tick now. */
  tick(): Promise<void>;
  /** Appends an event of another service to its stream, as that service would. */
  record(streamId: string, complaintId: string, type: string, data: object): Promise<RecordedEvent>;
  /** Appends a ComplaintReceived received now, as intake would. */
  receive(extra?: { governmentDeadline?: string }): Promise<string>;
  /** The complaint's clock events. */
  clock(complaintId: string): Promise<RecordedEvent[]>;
  /** Waits until the complaint's clocks run and their next timer is in the index. */
  started(complaintId: string): Promise<void>;
  close(): Promise<void>;
}

/** A fresh data folder; `removeDataDir` deletes it. */
export const newDataDir = () => mkdtempSync(join(tmpdir(), 'kesu-sla-'));
export const removeDataDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

export async function startSlaApp(dataDir: string, clock: ManualClock): Promise<SlaTestApp> {
  class TestApp {}
  Module({
    imports: [
      PlatformModule.forRoot({
        service: 'host',
        env: {},
        directories: [DEMO_DIRECTORY],
        config: { dataDir, logLevel: 'silent', pollIntervalMs: 10 },
        clock,
      }),
    ],
    controllers: slaControllers,
    providers: [...slaProviders, { provide: SCHEDULER_TIMING, useValue: { tickMs: 3_600_000 } }],
  })(TestApp);
  const app = await createApp(TestApp, { useLogger: false });
  const store = app.get<EventStore>(EVENT_STORE);
  const append = (streamId: string, event: ServiceEvent) => appendAsService(store, streamId, event);
  const http: FastifyInstance = app.getHttpAdapter().getInstance();
  const tokenFor = async (username: string) => {
    const user = DEMO_DIRECTORY.users.find((u) => u.username === username)!;
    return (await app.get(AccessTokens).issueDemoToken(user)).accessToken;
  };
  const testApp: SlaTestApp = {
    app,
    store,
    request: async (as, method, url, payload, headers = {}) =>
      http.inject({
        method,
        url,
        headers: { ...headers, authorization: `Bearer ${await tokenFor(as)}` },
        ...(payload === undefined ? {} : { payload }),
      }),
    tick: () => app.get(SlaScheduler).tick(),
    async record(streamId, complaintId, type, data) {
      return append(streamId, {
        type,
        schemaVersion: 1,
        occurredAt: clock.now().toISOString(),
        tenantId: 'demo',
        branchId: 'east-1',
        correlationId: complaintId,
        data: { complaintId, ...data },
      });
    },
    async receive(extra = {}) {
      const complaintId = uuidv7();
      const receivedAt = clock.now().toISOString();
      await testApp.record(intakeStream(complaintId), complaintId, 'ComplaintReceived', {
        reference: `KS-TEST-${complaintId.slice(-6)}`,
        channel: 'walk_in',
        ...(extra.governmentDeadline
          ? { channelDetails: { governmentDeadline: extra.governmentDeadline } }
          : {}),
        branchId: 'east-1',
        complainant: { subjectId: 'contact-x', sealed: 'pd1.a.b.c' },
        subject: { type: 'product', name: '智能电表' },
        description: '新装的智能电表计量不准，电费翻倍。',
        complainantCount: 1,
        language: 'zh',
        receivedAt,
        acknowledgement: { respondBy: receivedAt },
      });
      return complaintId;
    },
    clock: (complaintId) => store.readStream(slaStream(complaintId)),
    async started(complaintId) {
      const timers = app.get(SlaTimers);
      await until(
        () => timers.due('9999-12-31', 10_000),
        (due) => due.some((t) => t._id === complaintId),
      );
    },
    close: () => app.close(),
  };
  return testApp;
}

/** Waits (at most 10 s) until `read` gives what `done` accepts; answers the last read. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const limit = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > limit) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The types and milestones of the warnings and breaches among a clock's events. */
export const signals = (events: readonly RecordedEvent[]) =>
  events
    .filter((e) => e.type === 'SlaWarningRaised' || e.type === 'SlaBreached')
    .map((e) => {
      const d = e.data as { milestone: string; late?: boolean };
      return `${e.type}:${d.milestone}${d.late ? ':late' : ''}`;
    });
