export * from './report';
export * from './report-csv';
export * from './report-document';
export * from './report-labels';
export * from './report-period';
export * from './report-decider';
export * from './report-settings';
