export * from './access-tokens';
export * from './auth.decorators';
export { AuthGuard } from './auth.guard';
export * from './background-workers';
export * from './bootstrap';
export * from './config';
export * from './dead-letters';
export * from './demo-directory';
export * from './http-replies';
export * from './idempotency';
export { DevTokenController, DevTokenRequest } from './dev-token.controller';
export * from './event-consumers';
export { BodyLimit, NotRateLimited, RawBody } from './route-config';
export { MAX_JSON_DEPTH, mediaTypeOf, parseJsonBody } from './json-body';
export { MetricsListener } from './metrics-listener';
export { CORRELATION_HEADER, correlationIdOf } from './logging';
export * from './metrics';
export * from './org-directory';
export * from './platform-options';
export * from './platform.module';
export * from './principal';
export * from './problem';
export { ProblemFilter } from './problem.filter';
export * from './projections';
export * from './readiness';
export * from './replica';
export * from './request-context';
export * from './tenant-admission';
export * from './tenant-directories';
export * from './tenant-directory';
export { LEADER_LEASES } from './relay-worker';
export { engineConnectors, type EngineConnectors, openStorage, type Storage } from './storage';
export { DEMO_KEY_FILE, type DemoSigningKey, loadOrCreateDemoSigningKey } from './signing-key';
export * from './tokens';
export * from './user-commands';
export {
  createValidationPipe,
  fieldErrors,
  HasVisibleText,
  hasVisibleText,
  IsInstant,
  IsOrgUnitId,
  IsPageCursor,
  IsText,
  MAX_PAGE_SIZE,
  PageQuery,
} from './validation';
export * from './reserved-names';
export { UuidParam, uuidParam } from './path-parameters';
export { clientAddressOf } from './rate-limits';
export { TenantSecrets } from './tenant-secrets';
