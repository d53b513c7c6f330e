export * from './event-types';
export * from './events';
export * from './settings-events';
export * from './streams';
