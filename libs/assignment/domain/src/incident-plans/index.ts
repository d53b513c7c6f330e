export * from './incident-plan';
export * from './incident-plan-commands';
export * from './incident-plan-decider';
export * from './plan-level';
export * from './plan-summary';
