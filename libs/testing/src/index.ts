export * from './decider-spec';
export * from './clock.features';
export * from './event-fixtures';
export * from './event-store.features';
export * from './key-store.features';
export * from './document-store.features';
export * from './message-log.features';
