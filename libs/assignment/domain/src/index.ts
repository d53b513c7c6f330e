/** Assignment's pure domain: the directory, dispatch and escalation deciders and their policies. */
export * from './case';
export * from './directory';
export * from './dispatch';
export * from './escalation';
export * from './incident-plans';
