/** Assignment's pure domain: the directory, dispatch and escalation deciders and their policies. */
export * from './directory';
