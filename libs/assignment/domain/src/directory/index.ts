export * from './directory-decider';
export * from './directory-plan';
export * from './directory-problems';
export * from './directory-records';
export * from './directory-rules';
export * from './directory-state';
export * from './persistent-map';
