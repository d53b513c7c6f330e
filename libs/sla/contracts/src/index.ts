export * from './clock-events';
export * from './event-types';
export * from './events';
export * from './streams';
export * from './policy-events';
