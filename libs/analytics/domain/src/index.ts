export * from './complaint-view';
export * from './search-tokens';
