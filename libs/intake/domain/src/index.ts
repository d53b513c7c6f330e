export * from './acknowledgement';
export * from './complaint';
export * from './complaint-actions';
export * from './contact';
export * from './intake-decider';
export * from './register-complaint';
export * from './scope';
export * from './similarity';
