export * from './service-volumes';
