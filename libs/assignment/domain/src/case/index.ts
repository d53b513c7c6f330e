export * from './authority';
export * from './case';
export * from './case-commands';
export * from './case-decider';
export * from './case-lifecycle';
export * from './evidence-media';
export * from './approval-inbox';
