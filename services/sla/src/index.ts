export { SlaModule } from './sla.module';
export { SLA_TIMERS, SlaTimers, type SlaTimerDocument } from './clocks/sla-timers';
export { FireDueTimersCommand } from './clocks/fire-timers';
