export * from './kpi-facts';
export * from './kpi-rollup';
export * from './kpi-figures';
export * from './kpi-tiers';
