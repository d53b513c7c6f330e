export * from './complaint-view';
