// The plan the host wrote its history from (a test may import any project).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { planDemoHistory } from '../../services/host/src/demo/history/demo-history-plan';
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HostProcess } from './host-process';

/*
 * The demo history on a first start of the built host: 60 complaints asked for over three months
 * (and the collective incident's twenty), written through the services' commands before the host
 * listens. What the KPIs count is what the plan of that seed and period registered, month by month;
 * the figures are non-zero in several months and at every branch; a second start writes nothing.
 */

const SEED = 7;
const env = {
  DEMO_HISTORY: 'on',
  DEMO_HISTORY_SEED: String(SEED),
  DEMO_HISTORY_MONTHS: '3',
  DEMO_HISTORY_COMPLAINTS: '60',
};
const SAMPLES = 10;

interface Marker {
  readonly complaints: number;
  readonly from: string;
  readonly to: string;
}

const shanghaiMonth = (at: number) => new Date(at + 8 * 3_600_000).toISOString().slice(0, 7);

describe('the demo history', () => {
  let host: HostProcess;

  afterAll(async () => {
    await host?.stop();
  });

  it('is written on first start as the plan of its seed says, and not again on the next', async () => {
    host = await HostProcess.start({ env, readyWithinMs: 600_000 });
    expect(host.logs()).toMatch(/demo history written in/);
    const marker = host.sql(
      (db) =>
        JSON.parse(
          (
            db.prepare("SELECT doc FROM documents WHERE collection = 'host_demo_history'").get() as {
              doc: string;
            }
          ).doc,
        ) as Marker,
    );
    const plan = planDemoHistory(SEED, Date.parse(marker.from), Date.parse(marker.to), 60);
    expect(marker.complaints).toBe(plan.complaints.length);
    const planned = new Map<string, number>();
    for (const step of plan.agenda.filter((s) => s.action.kind === 'register'))
      planned.set(shanghaiMonth(step.at), (planned.get(shanghaiMonth(step.at)) ?? 0) + 1);
    const thisMonth = shanghaiMonth(Date.parse(marker.to));
    planned.set(thisMonth, (planned.get(thisMonth) ?? 0) + SAMPLES);

    const analyst = await host.token('analyst1');
    const kpis = async (query: string) =>
      (await host.request('GET', `/api/v1/analytics/kpis?${query}`, { token: analyst })).body;
    const from = `${shanghaiMonth(Date.parse(marker.from))}-01`;
    const to = new Date(Date.now() + 32 * 3_600_000).toISOString().slice(0, 10);
    const byMonth = await host.eventually(async () => {
      const body = await kpis(`from=${from}&to=${to}&groupBy=month`);
      return body.total?.received === plan.complaints.length + SAMPLES ? body : undefined;
    }, 60_000);
    const received = new Map(
      byMonth.groups.map((g: { key: string; received: number }) => [g.key, g.received]),
    );
    expect(received).toEqual(planned);
    expect(byMonth.groups.filter((g: { resolved: number }) => g.resolved > 0).length).toBeGreaterThanOrEqual(
      3,
    );
    const { total } = byMonth;
    for (const figure of [
      'accepted',
      'resolvedOnTheSpot',
      'rejected',
      'resolved',
      'closed',
      'surveyed',
      'escalated',
    ])
      expect([figure, total[figure]]).toEqual([figure, expect.any(Number)]);
    for (const figure of ['accepted', 'resolvedOnTheSpot', 'resolved', 'closed', 'surveyed', 'satisfied'])
      expect([figure, total[figure] > 0]).toEqual([figure, true]);

    const byBranch = await kpis(`from=${from}&to=${to}&groupBy=branch`);
    const branches = byBranch.groups.filter(
      (g: { received: number; closed: number }) => g.received > 0 && g.closed > 0,
    );
    expect(branches.map((g: { key: string }) => g.key).sort()).toEqual([
      'east-1',
      'east-2',
      'west-1',
      'west-2',
    ]);

    await host.stop();
    await host.launch();
    expect(host.logs()).not.toMatch(/writing the demo history/);
    const again = await kpis(`from=${from}&to=${to}&groupBy=month`);
    expect(again.total.received).toBe(plan.complaints.length + SAMPLES);
  }, 900_000);

  it('wrote only events of the catalog, each as its schema says: what every producer’s deciders produce', () => {
    const events = join(__dirname, '../../contracts/events');
    const catalog = JSON.parse(readFileSync(join(events, 'catalog.json'), 'utf8')) as {
      events: { type: string; schemaVersion: number; service: string }[];
    };
    const ajv = new Ajv({
      strict: true,
      allErrors: true,
      keywords: ['x-event-type', 'x-schema-version', 'x-topic'],
    });
    const validators = new Map(
      catalog.events.map((e) => [
        `${e.type}.v${e.schemaVersion}`,
        {
          service: e.service,
          validate: ajv.compile(
            JSON.parse(
              readFileSync(join(events, `${e.type}.v${e.schemaVersion}.schema.json`), 'utf8'),
            ) as object,
          ),
        },
      ]),
    );
    const stored = host.sql(
      (db) =>
        db.prepare('SELECT type, schema_version AS version, data FROM events').all() as {
          type: string;
          version: number;
          data: string;
        }[],
    );
    const problems: string[] = [];
    const services = new Set<string>();
    for (const { type, version, data } of stored) {
      const known = validators.get(`${type}.v${version}`);
      if (!known) {
        problems.push(`${type} v${version}: not in the catalog`);
        continue;
      }
      services.add(known.service);
      if (!known.validate(JSON.parse(data)))
        problems.push(`${type} v${version}: ${ajv.errorsText(known.validate.errors)}`);
    }
    expect([...new Set(problems)]).toEqual([]);
    expect(stored.length).toBeGreaterThan(1000);
    expect([...services].sort()).toEqual(['assignment', 'classification', 'followup', 'intake', 'sla']);
  });
});
