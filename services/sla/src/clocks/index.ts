import { ClockRunner } from './clock-runner';
import { FireDueTimersHandler } from './fire-timers';
import { ReactToEventHandler } from './react-to-event';
import { SlaScheduler } from './sla-scheduler';
import { SlaTimers } from './sla-timers';
import { SlaClocksWorker } from './sla.worker';

export { SCHEDULER_TIMING, SlaScheduler } from './sla-scheduler';
export { SLA_TIMERS, SlaTimers } from './sla-timers';

/** The clocks' services, command handlers, consumer and scheduler. */
export const clockProviders = [
  SlaTimers,
  ClockRunner,
  ReactToEventHandler,
  FireDueTimersHandler,
  SlaClocksWorker,
  SlaScheduler,
];
