import { Inject, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { FollowUpTicker, FollowUpTimers } from '@kesu/follow-up';
import { DOCUMENT_STORE, EVENT_STORE, EventConsumers, OrgDirectory } from '@kesu/platform';
import type { DocumentStore, EventStore } from '@kesu/ports';
import { FireDueTimersCommand, SlaTimers } from '@kesu/sla';
import type { DemoClock } from './demo-clock';
import type { DemoHistoryConfig } from './demo-history-config';
import { type DemoComplaint, type DemoHistoryPlan, planDemoHistory } from './demo-history-plan';
import { registration, stepCommand } from './demo-history-steps';

const DEMO_TENANT = 'demo';
const HOUR = 3_600_000;
/** The demo time after which the services' consumers catch up, at the latest. */
const SETTLE_EVERY_MS = 24 * HOUR;
const END_OF_TIME = '9999-12-31T00:00:00.000Z';
const MARKERS = 'host_demo_history';
/**
 * The steps that need the services' reactions to the complaint's earlier steps: acceptance after
 * classification, taking the case after dispatch, the callback after follow-up saw the resolution,
 * investigating again after case work saw the reopening. The others follow from the complaint's own
 * streams, written synchronously by the commands before.
 */
const AFTER_REACTIONS = new Set(['accept', 'take', 'callback', 'investigate']);

/** The marker of a written history: a second start finds it and writes nothing. */
export interface DemoHistoryMarker {
  readonly _id: string;
  readonly seed: number;
  readonly complaints: number;
  readonly steps: number;
  readonly skipped: number;
  readonly from: string;
  readonly to: string;
  readonly seconds: number;
}

/** What one run wrote. */
export interface DemoHistoryRun {
  readonly complaints: number;
  readonly steps: number;
  /** Steps not taken: the services refused them or nobody was there to act (the complaint stays where it was). */
  readonly skipped: number;
  readonly seconds: number;
}

/**
 * Writes the demo tenant's history on first start: the plan's steps in time order, each sent as the
 * demo user who does it through the services' own commands, with the clock set to the step's
 * instant. Before a step that depends on what the services did with an earlier one (dispatch's
 * assignee, the follow-up after a resolution), and at least every four hours of demo time, the SLA
 * and follow-up timers that came due fire and every consumer catches up — so reactions are recorded
 * at their own believable instants. Every command has an idempotency key of the seed, complaint
 * and step: a run broken off is taken up again on the next start; a marker ends it for good.
 */
@Injectable()
export class DemoHistory {
  private readonly logger = new Logger(DemoHistory.name);
  private settling = { count: 0, ms: 0 };

  constructor(
    private readonly commands: CommandBus,
    private readonly directory: OrgDirectory,
    private readonly consumers: EventConsumers,
    private readonly modules: ModuleRef,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
  ) {}

  /** The marker of the history written with these settings, if any. */
  written(config: DemoHistoryConfig): Promise<DemoHistoryMarker | null> {
    return this.documents.collection<DemoHistoryMarker>(MARKERS).get(`${DEMO_TENANT}-${config.seed}`);
  }

  /** Writes the history (unless written already), then returns the clock to the present. */
  async write(config: DemoHistoryConfig, clock: DemoClock): Promise<DemoHistoryRun | undefined> {
    if (await this.written(config)) return undefined;
    const started = Date.now();
    const to = clock.now().getTime();
    const from = to - config.months * 30.4 * 24 * HOUR;
    const plan = planDemoHistory(config.seed, from, to, config.complaints);
    this.logger.log(
      `writing the demo history: ${plan.complaints.length} complaints, ${plan.agenda.length} steps since ${new Date(from).toISOString().slice(0, 10)}`,
    );
    let skipped = 0;
    try {
      skipped = await this.run(plan, config.seed, clock);
    } finally {
      clock.returnToPresent();
    }
    await this.settle();
    const run = {
      complaints: plan.complaints.length,
      steps: plan.agenda.length,
      skipped,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
    await this.documents.collection<DemoHistoryMarker>(MARKERS).put({
      _id: `${DEMO_TENANT}-${config.seed}`,
      seed: config.seed,
      ...run,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
    });
    this.logger.log(
      `demo history written in ${run.seconds} s (${skipped} steps not taken; ${this.settling.count} waits for the services, ${Math.round(this.settling.ms / 1000)} s)`,
    );
    return run;
  }

  private async run(plan: DemoHistoryPlan, seed: number, clock: DemoClock): Promise<number> {
    const ids = new Map<number, string>();
    const stalled = new Set<number>();
    let touched = new Set<number>();
    let settledAt = -Infinity;
    let skipped = 0;
    let percent = 0;
    clock.travelBackTo(plan.agenda[0]?.at ?? Date.now());
    for (const [i, step] of plan.agenda.entries()) {
      if (stalled.has(step.complaint)) {
        skipped++;
        continue;
      }
      // A timer that stays due after its firing (a delivery that keeps failing) is left to the ticker.
      for (
        let due = await this.nextTimer(), last = -Infinity;
        due <= step.at && due > last;
        last = due, due = await this.nextTimer()
      ) {
        clock.advanceTo(due);
        await this.settle();
        touched = new Set();
        settledAt = due;
      }
      const waits = touched.has(step.complaint) && AFTER_REACTIONS.has(step.action.kind);
      if (waits || step.at - settledAt >= SETTLE_EVERY_MS) {
        clock.advanceTo(step.at);
        await this.settle();
        touched = new Set();
        settledAt = step.at;
      }
      clock.advanceTo(step.at);
      const complaint = plan.complaints[step.complaint]!;
      const key = `demo-history-${seed}-${step.complaint}-${step.index}`;
      try {
        const done = await this.take(complaint, step.action, ids, key);
        if (!done) throw new Error('nobody to act');
      } catch (error) {
        this.logger.debug(
          `demo history: ${complaint.path} #${complaint.n} ${step.action.kind}: ${String(error)}`,
        );
        stalled.add(step.complaint);
        skipped++;
      }
      touched.add(step.complaint);
      const now = Math.floor(((i + 1) * 10) / plan.agenda.length) * 10;
      if (now > percent) {
        percent = now;
        this.logger.log(`demo history: ${percent} % (${new Date(step.at).toISOString().slice(0, 10)})`);
      }
    }
    return skipped;
  }

  /** When the next SLA or follow-up timer comes due (ms; Infinity when none is set). */
  private async nextTimer(): Promise<number> {
    const [sla] = await this.modules.get(SlaTimers, { strict: false }).due(END_OF_TIME, 1);
    const [followUp] = await this.modules.get(FollowUpTimers, { strict: false }).due(END_OF_TIME, 1);
    return Math.min(Date.parse(sla?.dueAt ?? END_OF_TIME), Date.parse(followUp?.dueAt ?? END_OF_TIME));
  }

  /** Takes one step; false when nobody is there to take it. */
  private async take(
    complaint: DemoComplaint,
    action: DemoHistoryPlan['agenda'][number]['action'],
    ids: Map<number, string>,
    idempotencyKey: string,
  ): Promise<boolean> {
    if (action.kind === 'register') {
      const command = registration(complaint, complaint.path === 'on_the_spot');
      const { result } = (await this.commands.execute(
        command(this.caller(complaint.agent, complaint, idempotencyKey)),
      )) as {
        result: { complaintId: string };
      };
      ids.set(complaint.n, result.complaintId);
      return true;
    }
    const id = ids.get(complaint.n);
    if (!id) return false;
    const step = await stepCommand(this.store, complaint, id, action);
    if (!step) return action.kind === 'approve';
    await this.commands.execute(step.command(this.caller(step.actor, complaint, idempotencyKey)));
    return true;
  }

  /** The demo user acting (an agent acts for the complaint's branch too, as the sample complaints do). */
  private caller(username: string, complaint: DemoComplaint, idempotencyKey: string) {
    const person = this.directory.principalOf(DEMO_TENANT, username);
    const principal = username.startsWith('agent')
      ? { ...person, branchScope: [...person.branchScope, complaint.branchId] }
      : person;
    return { principal, idempotencyKey };
  }

  /**
   * Fires the SLA and follow-up timers due by the clock, and waits until every event is published and
   * every consumer has handled every message — twice in a row, as handling one may record more.
   */
  async settle(): Promise<void> {
    const started = Date.now();
    try {
      await this.settleOnce();
    } finally {
      this.settling = { count: this.settling.count + 1, ms: this.settling.ms + Date.now() - started };
    }
  }

  private async settleOnce(): Promise<void> {
    const ticker = this.modules.get(FollowUpTicker, { strict: false });
    const deadline = Date.now() + 30_000;
    let quiet = 0;
    while (quiet < 2 && Date.now() < deadline) {
      await this.commands.execute(new FireDueTimersCommand({ batch: 500, lateAfterMs: 24 * HOUR }));
      await ticker.tick();
      const lag =
        (await this.consumers.lag()) +
        (await this.store.headPosition()) -
        (await this.store.checkpoint('relay'));
      quiet = lag === 0 ? quiet + 1 : 0;
      if (quiet < 2) await new Promise((resolve) => setTimeout(resolve, lag === 0 ? 2 : 10));
    }
  }
}
