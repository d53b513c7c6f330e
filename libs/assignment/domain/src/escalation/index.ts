export * from './escalation';
export * from './escalation-decider';
export * from './escalation-policy';
export * from './escalation-policy-validation';
export * from './escalation-settings';
export * from './labels';
export * from './notices';
export * from './triggers';
