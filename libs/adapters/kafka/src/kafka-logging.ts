import { type LogEntry, logLevel, type logCreator } from 'kafkajs';
import type { KafkaLogger } from './kafka-options';

/**
 * kafkajs's logging, sent to the host's logger: warnings and errors only, since its info level
 * narrates every fetch loop. Without a logger kafkajs stays silent instead of writing to the console.
 */
export function kafkaLogging(logger: KafkaLogger | undefined): {
  logLevel: logLevel;
  logCreator?: logCreator;
} {
  if (!logger) return { logLevel: logLevel.NOTHING };
  return { logLevel: logLevel.WARN, logCreator: () => (entry) => writeEntry(logger, entry) };
}

/** Writes one kafkajs log entry at its level, with kafkajs's details (minus its own timestamp). */
export function writeEntry(logger: KafkaLogger, { namespace, level, log }: LogEntry): void {
  const { message, timestamp: _timestamp, ...details } = log;
  const text = namespace ? `kafkajs ${namespace}: ${message}` : `kafkajs: ${message}`;
  if (level === logLevel.ERROR) logger.error(text, details);
  else if (level === logLevel.WARN) logger.warn(text, details);
  else logger.info(text, details);
}
