export * from './canonical-json';
export * from './decider';
export * from './domain-errors';
export * from './envelope';
export * from './event-registry';
export * from './hash-chain';
export * from './personal-data';
export * from './topics';
