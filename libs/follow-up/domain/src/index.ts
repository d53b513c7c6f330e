/** Follow-up's pure domain: the follow-up decider, its outbox, windows, templates and reviewers. */
export * from './follow-up';
export * from './follow-up-decider';
export * from './lifecycle';
export * from './outbox';
export * from './progress';
export * from './reviewers';
export * from './settings';
export * from './templates';
export * from './windows';
export * from './settings-decider';
