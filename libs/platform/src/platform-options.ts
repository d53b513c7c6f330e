import type { Clock } from '@kesu/ports';
import type { DestinationStream } from 'pino';
import type { PlatformConfig } from './config';

/** Options of PlatformModule.forRoot. */
export interface PlatformOptions {
  /** The service name, carried by logs and metrics. */
  readonly service: string;
  /** The Clock port (default: SystemClock); tests pass a ManualClock. */
  readonly clock?: Clock;
  /** Run the relay from the event store to the message log (default true). */
  readonly relay?: boolean;
  /** Values that override the environment's (applied after loadConfig, then validated). */
  readonly config?: Partial<PlatformConfig>;
  /** Where JSON logs go (default stdout). */
  readonly logDestination?: DestinationStream;
  /** Environment to read the configuration from (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}
