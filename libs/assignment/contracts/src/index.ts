export * from './event-types';
export * from './staff';
export * from './streams';
