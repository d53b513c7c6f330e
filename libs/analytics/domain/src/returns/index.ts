export * from './regulator-returns';
export * from './return-csv';
