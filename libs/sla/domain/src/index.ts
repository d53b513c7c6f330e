export * from './clock-decider';
export * from './clock-state';
export * from './deadlines';
export * from './packs';
export * from './policy';
export * from './settings-decider';
