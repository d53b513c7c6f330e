export { FollowUpModule } from './follow-up.module';
export { DecideReReviewCommand } from './lifecycle/decide-re-review';
export { RecordCallbackCommand } from './lifecycle/record-callback';
export { ReopenComplaintCommand } from './lifecycle/reopen-complaint';
export { RequestReReviewCommand } from './lifecycle/request-re-review';
export { FollowUpTicker } from './timers/follow-up-ticker';
export { FollowUpTimers } from './timers/follow-up-timers';
