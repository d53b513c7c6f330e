export * from './callback-events';
export * from './event-types';
export * from './events';
export * from './message-events';
export * from './settings-events';
export * from './streams';
