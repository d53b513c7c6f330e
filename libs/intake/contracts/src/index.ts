export * from './event-types';
export * from './events';
export * from './privacy-events';
export * from './settings-events';
export * from './streams';
