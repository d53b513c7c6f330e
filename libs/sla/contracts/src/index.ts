export * from './event-types';
export * from './events';
export * from './streams';
