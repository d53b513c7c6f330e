export * from './assignment';
export * from './assignment-decider';
export * from './choose';
export * from './default-routing-policy';
export * from './labels';
export * from './routing';
export * from './routing-validation';
export * from './workload';
