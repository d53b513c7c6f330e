export * from './directory-events';
export * from './event-types';
export * from './staff';
export * from './streams';
