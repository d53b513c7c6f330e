import { intakeStream } from '@kesu/intake-contracts';
import { ManualClock } from '@kesu/ports';
import { newDataDir, removeDataDir, signals, startSlaApp, until } from '../sla-app.test-support';

/** Wednesday 4 March 2026, 10:00 in Shanghai: the acknowledgement (24 h) warns at 80 %, 19.2 h later. */
const RECEIVED = '2026-03-04T02:00:00.000Z';
const ACK_WARNING = '2026-03-04T21:12:00.000Z';
const ACK_DUE = '2026-03-05T02:00:00.000Z';

describe('the SLA scheduler (durable timers)', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = newDataDir()));
  afterEach(() => removeDataDir(dataDir));

  it('raises the warning at the threshold and the breach at the due instant, once each', async () => {
    const clock = new ManualClock(RECEIVED);
    const sla = await startSlaApp(dataDir, clock);
    try {
      const id = await sla.receive();
      await sla.started(id);
      clock.set(new Date(Date.parse(ACK_WARNING) - 1));
      await sla.tick();
      expect(signals(await sla.clock(id))).toEqual([]);
      clock.set(ACK_WARNING);
      await sla.tick();
      await sla.tick();
      expect(signals(await sla.clock(id))).toEqual(['SlaWarningRaised:acknowledge']);
      clock.set(ACK_DUE);
      await sla.tick();
      await sla.tick();
      expect(signals(await sla.clock(id))).toEqual([
        'SlaWarningRaised:acknowledge',
        'SlaBreached:acknowledge',
      ]);
    } finally {
      await sla.close();
    }
  });

  it('a milestone met in time fires nothing', async () => {
    const clock = new ManualClock(RECEIVED);
    const sla = await startSlaApp(dataDir, clock);
    try {
      const id = await sla.receive();
      await sla.started(id);
      await sla.record(intakeStream(id), id, 'ComplaintAccepted', { acceptedAt: RECEIVED });
      await until(
        () => sla.clock(id),
        (events) => events.some((e) => e.type === 'SlaMilestoneMet'),
      );
      clock.set(ACK_DUE);
      await sla.tick();
      expect(signals(await sla.clock(id))).toEqual([]);
    } finally {
      await sla.close();
    }
  });

  it('a restart across a due instant fires it once at start, marked late', async () => {
    const clock = new ManualClock(RECEIVED);
    const first = await startSlaApp(dataDir, clock);
    const id = await first.receive();
    await first.started(id);
    await first.close();

    clock.set('2026-03-05T03:00:00.000Z');
    const second = await startSlaApp(dataDir, clock);
    try {
      const fired = await until(
        () => second.clock(id),
        (events) => signals(events).length >= 2,
      );
      expect(signals(fired)).toEqual(['SlaWarningRaised:acknowledge:late', 'SlaBreached:acknowledge:late']);
      await second.tick();
      expect(signals(await second.clock(id))).toHaveLength(2);
    } finally {
      await second.close();
    }
  });

  it('two replicas ticking at once fire each timer once', async () => {
    const clock = new ManualClock(RECEIVED);
    const a = await startSlaApp(dataDir, clock);
    const b = await startSlaApp(dataDir, clock);
    try {
      const ids = [await a.receive(), await a.receive(), await a.receive()];
      for (const id of ids) await a.started(id);
      clock.set(ACK_WARNING);
      await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
      for (const id of ids) expect(signals(await b.clock(id))).toEqual(['SlaWarningRaised:acknowledge']);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('fires every timer once when the clock jumps a day forward, then an hour back, then on', async () => {
    const clock = new ManualClock(RECEIVED);
    const sla = await startSlaApp(dataDir, clock);
    const fired = async (id: string) =>
      signals(await sla.clock(id)).map((signal) => signal.replace(/:late$/, ''));
    try {
      const id = await sla.receive();
      await sla.started(id);
      const dayLater = Date.parse(RECEIVED) + 24 * 3_600_000 + 3_600_000;
      clock.set(new Date(dayLater)); // an NTP correction, a VM resumed: past the warning and the due instant
      await sla.tick();
      await sla.tick();
      expect(await fired(id)).toEqual(['SlaWarningRaised:acknowledge', 'SlaBreached:acknowledge']);

      clock.set(new Date(dayLater - 3_600_000)); // and back an hour
      await sla.tick();
      clock.set(new Date(dayLater + 14 * 24 * 3_600_000)); // and on, past every other limit
      await sla.tick();
      await sla.tick();
      const all = await fired(id);
      expect(all.filter((signal) => signal.endsWith(':acknowledge'))).toEqual([
        'SlaWarningRaised:acknowledge',
        'SlaBreached:acknowledge',
      ]);
      expect(new Set(all).size).toBe(all.length);
      expect(all.length).toBeGreaterThan(2);
    } finally {
      await sla.close();
    }
  });
});
