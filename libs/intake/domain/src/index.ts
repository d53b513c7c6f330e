export * from './acknowledgement';
export * from './complaint';
export * from './register-complaint';
