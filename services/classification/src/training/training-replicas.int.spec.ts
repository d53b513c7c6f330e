import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainRuleViolation } from '@kesu/kernel';
import { createEmbeddedStorage, type EmbeddedStorage } from '@kesu/adapter-embedded';
import { BackgroundWorkers } from '@kesu/platform';
import { type Clock, SystemClock } from '@kesu/ports';
import { classificationEventsProvider } from '../classification-events';
import { TenantSettings } from '../settings/tenant-settings.service';
import { ModelTraining, TRAINING_RUNS, type TrainingRun } from './model-training.service';
import { TextModels } from './text-models';
import {
  EXAMPLE_TENANTS,
  TRAINING_EXAMPLES,
  type TrainingExample,
  TrainingExamples,
} from './training-examples';
import type { TrainingTiming } from './training-runs';

/* Two classification replicas over the same SQLite file, each on its own connection. */

const TIMING: TrainingTiming = { leaseMs: 1000, heartbeatMs: 50, sweepMs: 100 };

/** A clock `aheadMs` in the future: a replica for which every other replica's heartbeat is old. */
const clockAhead = (aheadMs: number): Clock => ({ now: () => new Date(Date.now() + aheadMs) });

interface Replica {
  readonly training: ModelTraining;
  readonly workers: BackgroundWorkers;
  readonly storage: EmbeddedStorage;
}

let dataDir: string;
const replicas: Replica[] = [];

function replica(clock: Clock = new SystemClock(), timing: TrainingTiming = TIMING): Replica {
  const storage = createEmbeddedStorage({ dataDir, clock, pollIntervalMs: 10 });
  const registry = classificationEventsProvider.useFactory();
  const workers = new BackgroundWorkers();
  const training = new ModelTraining(
    storage.eventStore,
    clock,
    registry,
    storage.documents,
    workers,
    new TenantSettings(storage.eventStore, registry),
    new TrainingExamples(storage.documents),
    new TextModels(storage.eventStore, storage.documents, registry),
    timing,
  );
  const made = { training, workers, storage };
  replicas.push(made);
  return made;
}

const places = ['营业厅', '网点', '门店', '柜台', '服务中心', '分店', '窗口', '大厅', '热线', '客服中心'];
const pools = ['态度恶劣骂人呵斥冷漠', '收费扣费多收价格', '排队等待太慢拖延'];
const CATEGORIES = ['service_attitude', 'fees_price', 'service_efficiency'];
/** Enough examples that a training lasts a while on its thread. */
const examples = Array.from({ length: 2500 }, (_, i) => ({
  text: `${places[i % 10]}${Array.from({ length: 30 }, (_, k) => pools[i % 3]![(i * 7 + k * 13) % pools[i % 3]!.length]).join('')}${i}`,
  label: CATEGORIES[i % 3]!,
}));

const author = (tenantId: string) => ({
  tenantId,
  branchId: 'east-1',
  actor: { kind: 'user' as const, id: 'admin', roles: ['admin'] },
});

const waitFor = async (what: string, condition: () => boolean | Promise<boolean>, ms = 20_000) => {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kesu-training-replicas-'));
  const seed = replica();
  await new TrainingExamples(seed.storage.documents).import('t1', examples, new Date().toISOString());
});

afterEach(async () => {
  for (const { training, storage } of replicas.splice(0)) {
    await training.stop();
    await storage.close();
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const runsOf = (r: Replica) => r.storage.documents.collection<TrainingRun>(TRAINING_RUNS);
const recorded = async (r: Replica) =>
  (await r.storage.eventStore.readStream('classification-model-t1')).map((e) => `${e.type} ${e.causationId}`);

describe('model training on several replicas', () => {
  it('lets one replica train a tenant: the other refuses a second training (409) and resumes nothing', async () => {
    const [a, b] = [replica(), replica()];
    await a.training.start(author('t1'));
    const claimed = await runsOf(b).get('t1');
    expect(claimed?.lease?.owner).toBe(a.training.owner);

    const refused = b.training.start(author('t1'));
    await expect(refused).rejects.toThrow(DomainRuleViolation);
    await expect(refused).rejects.toThrow(a.training.owner);
    await b.training.resumeInterrupted();
    expect(b.training.isTraining('t1')).toBe(false);

    // The lease is renewed while the thread runs.
    const first = claimed!.lease!.heartbeatAt;
    await waitFor('a heartbeat', async () => ((await runsOf(b).get('t1'))?.lease?.heartbeatAt ?? 0) > first);

    await a.training.idle('t1');
    const causation = claimed!.author.causationId;
    expect(await recorded(b)).toEqual([`ModelTrained ${causation}`, `ModelActivated ${causation}`]);
    expect(await runsOf(b).get('t1')).toBeNull();
  });

  it('lets two replicas starting a training together claim it once', async () => {
    const [a, b] = [replica(), replica()];
    const outcomes = await Promise.allSettled([
      a.training.start(author('t1')),
      b.training.start(author('t1')),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    await Promise.all([a.training.idle('t1'), b.training.idle('t1')]);
    expect(await recorded(a)).toHaveLength(2);
  });

  it('takes over a run whose owner stopped renewing its lease; the old owner then stops and records nothing', async () => {
    const a = replica();
    // For b, a's heartbeats are always older than the lease time: a seems dead.
    const b = replica(clockAhead(10 * TIMING.leaseMs));
    await a.training.start(author('t1'));
    const run = (await runsOf(a).get('t1'))!;

    await b.training.sweep();
    expect(b.training.isTraining('t1')).toBe(true);
    expect((await runsOf(a).get('t1'))?.lease?.owner).toBe(b.training.owner);
    // a's next heartbeat finds the lease gone: it ends its thread.
    await waitFor('a to stop', () => !a.training.isTraining('t1'));

    await b.training.idle('t1');
    const causation = run.author.causationId;
    expect(await recorded(a)).toEqual([`ModelTrained ${causation}`, `ModelActivated ${causation}`]);
    expect(await runsOf(a).get('t1')).toBeNull();
  });

  it('resumes, from its periodic sweep, a run whose replica died', async () => {
    const b = replica();
    b.training.onModuleInit();
    await b.workers.onApplicationBootstrap();
    // Written after b started (its start-up resume saw nothing): only the sweep can find it.
    await runsOf(b).put({
      _id: 't1',
      tenantId: 't1',
      author: { ...author('t1'), causationId: 'training-orphaned' },
      options: {},
      startedAt: new Date().toISOString(),
      lease: { owner: 'dead-replica', heartbeatAt: Date.now() - 2 * TIMING.leaseMs },
    });
    await waitFor('the sweep to resume it', () => b.training.isTraining('t1'), 5000);
    await b.training.idle('t1');
    expect(await recorded(b)).toEqual(['ModelTrained training-orphaned', 'ModelActivated training-orphaned']);
  });

  it('releases its leases when stopped, so another replica resumes the run at once', async () => {
    const [a, b] = [replica(), replica()];
    await a.training.start(author('t1'));
    await a.training.stop();
    expect((await runsOf(b).get('t1'))?.lease ?? null).toBeNull();
    await b.training.resumeInterrupted();
    expect(b.training.isTraining('t1')).toBe(true);
    await b.training.idle('t1');
    expect(await recorded(b)).toHaveLength(2);
  });
});

describe('automatic retraining', () => {
  const trainings = async (r: Replica) =>
    (await r.storage.eventStore.readStream('classification-model-t1'))
      .filter((e) => e.type === 'ModelTrained')
      .map((e) => e.data as { examplesAsOf: string; trainedAt: string });

  it('counts the examples added while a training ran: once it is recorded, the next one starts', async () => {
    const a = replica();
    expect(await a.training.retrainIfDue('t1')).toBe(true); // 2,500 examples; due after 50 by default
    const more = examples.slice(0, 60).map((e, i) => ({ text: `${e.text}，又一次${i}`, label: e.label }));
    await new TrainingExamples(a.storage.documents).import('t1', more, new Date().toISOString());
    expect(a.training.isTraining('t1')).toBe(true); // the 60 arrived during the first training

    await a.training.idle('t1');
    const [first] = await trainings(a);
    expect(first!.examplesAsOf < first!.trainedAt).toBe(true);
    expect(a.training.isTraining('t1')).toBe(true); // the 60 made it due again
    await a.training.idle('t1');
    expect(a.training.isTraining('t1')).toBe(false); // nothing new since the second read them
    const [, second] = await trainings(a);
    expect(second!.examplesAsOf > first!.trainedAt).toBe(true);
  });

  it('looks for tenants in its tenant index, filled once from examples stored before the index', async () => {
    const { documents } = replica().storage;
    // Examples stored before the index existed: t1's (imported now) and an older one of t2.
    await documents.collection(EXAMPLE_TENANTS).delete('t1');
    await documents.collection<TrainingExample>(TRAINING_EXAMPLES).put({
      _id: 't2:import:old',
      tenantId: 't2',
      text: '营业厅的工作人员态度恶劣',
      label: 'service_attitude',
      source: 'import',
      complaintId: null,
      addedAt: '2026-01-05T08:00:00.000Z',
    });
    const store = new TrainingExamples(documents);
    await store.onModuleInit();
    expect((await store.tenantsAddedToSince('')).sort()).toEqual(['t1', 't2']);
    expect(await store.tenantsAddedToSince('2026-06-01T00:00:00.000Z')).toEqual(['t1']);

    const later = '2027-01-04T09:00:00.000Z';
    await store.correction('t2', 'c-1', '柜台收费多收了二十元', 'fees_price', later);
    expect(await store.tenantsAddedToSince('2027-01-01T00:00:00.000Z')).toEqual(['t2']);
  });
});
