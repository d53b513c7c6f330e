/** DI token of the EventStore port. */
export const EVENT_STORE = Symbol('EVENT_STORE');
/** DI token of the MessageLog port. */
export const MESSAGE_LOG = Symbol('MESSAGE_LOG');
/** DI token of the DocumentStore port. */
export const DOCUMENT_STORE = Symbol('DOCUMENT_STORE');
/** DI token of the KeyStore port. */
export const KEY_STORE = Symbol('KEY_STORE');
/** DI token of the Clock port. */
export const CLOCK = Symbol('CLOCK');
/** DI token of the validated PlatformConfig. */
export const CONFIG = Symbol('CONFIG');
/** DI token of the PlatformModule options. */
export const PLATFORM_OPTIONS = Symbol('PLATFORM_OPTIONS');
/** DI token of the EmbeddedStorage that provides every port. */
export const EMBEDDED_STORAGE = Symbol('EMBEDDED_STORAGE');
