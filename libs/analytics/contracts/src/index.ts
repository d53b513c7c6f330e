export * from './event-types';
export * from './report-events';
export * from './streams';
