export * from './classifier';
export * from './cross-validation';
export * from './datasets';
export * from './linear-models';
export * from './metrics';
export * from './random';
export * from './text-features';
export * from './vectoriser';
