/**
 * Names that reach an object's prototype or its members — `__proto__`, `constructor`, `toString`,
 * `hasOwnProperty`, … (every own property of `Object.prototype`) and `prototype`. The edge refuses
 * them as body keys and as query parameter names: an object built from the input would otherwise be
 * polluted through them, or the validation pipe would drop them silently (class-transformer skips a
 * key the target inherits) instead of naming them.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
]);
