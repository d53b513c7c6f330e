export * from './kpi-facts';
export * from './kpi-rollup';
export * from './kpi-figures';
