/** DI token of the EventStore port. */
export const EVENT_STORE = Symbol('EVENT_STORE');
/** DI token of the MessageLog port. */
export const MESSAGE_LOG = Symbol('MESSAGE_LOG');
/** DI token of the DocumentStore port. */
export const DOCUMENT_STORE = Symbol('DOCUMENT_STORE');
/** DI token of the KeyStore port. */
export const KEY_STORE = Symbol('KEY_STORE');
/** DI token of the FileStore port. */
export const FILE_STORE = Symbol('FILE_STORE');
/** DI token of the Clock port. */
export const CLOCK = Symbol('CLOCK');
/** DI token of the validated PlatformConfig. */
export const CONFIG = Symbol('CONFIG');
/** DI token of the PlatformModule options. */
export const PLATFORM_OPTIONS = Symbol('PLATFORM_OPTIONS');
/** DI token of the EmbeddedStorage (the SQLite file), or null when no port is embedded. */
export const EMBEDDED_STORAGE = Symbol('EMBEDDED_STORAGE');
/** DI token of the Storage: every port on the adapters the configuration chose. */
export const STORAGE = Symbol('STORAGE');
