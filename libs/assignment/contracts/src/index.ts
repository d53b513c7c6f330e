export * from './directory-events';
export * from './dispatch-events';
export * from './dispatch-policy';
export * from './escalation-events';
export * from './event-types';
export * from './incident-plan-events';
export * from './staff';
export * from './streams';
