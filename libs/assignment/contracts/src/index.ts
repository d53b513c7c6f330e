export * from './dispatch-events';
export * from './dispatch-policy';
export * from './event-types';
export * from './staff';
export * from './streams';
