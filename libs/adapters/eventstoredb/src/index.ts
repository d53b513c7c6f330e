export { connectKurrentEventStore, redactConnectionString, type KurrentConnectionOptions } from './connect';
export { KurrentEventStore, type KurrentEventStoreOptions } from './kurrent-event-store';
