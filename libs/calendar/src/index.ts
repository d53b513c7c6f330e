export * from './business-calendar';
export * from './china-mainland';
export * from './working-time';
