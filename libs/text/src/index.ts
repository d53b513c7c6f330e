export * from './normalise';
export * from './stem';
export * from './text-runs';
export * from './personal-mentions';
export * from './visible-text';
