import type { Message } from '@kesu/ports';
import type { Admin, Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { KafkaConsumerTuning, KafkaLogger } from './kafka-options';
import { fromKafkaRecord } from './message-codec';

/** A stretch of one partition to read. */
export interface PartitionRange {
  readonly topic: string;
  readonly partition: number;
  /** First offset to read (inclusive). */
  readonly from: number;
  /** The partition's high watermark when the read began: later messages are not waited for. */
  readonly until: number;
  readonly maxCount: number;
  /** Every partition of the topic, so the reader can pause the ones it does not read. */
  readonly partitions: readonly number[];
}

/**
 * Collects a range from fetched batches. kafkajs may hand over records before `from` (fetched
 * before the seek applied) or the same records twice (fetched again before resolved), so the
 * collector keeps its own position and takes each offset once.
 */
export class PartitionCollector {
  private readonly collected: Message[] = [];
  private next: number;

  constructor(private readonly range: Pick<PartitionRange, 'from' | 'until' | 'maxCount'>) {
    this.next = range.from;
  }

  get done(): boolean {
    return this.collected.length >= this.range.maxCount || this.next >= this.range.until;
  }

  get messages(): Message[] {
    return [...this.collected];
  }

  /** Takes the batch's messages in range; `lastOffset` also counts records kafkajs filtered out. */
  add(messages: readonly Message[], lastOffset: number): boolean {
    for (const message of messages) {
      if (this.done) break;
      if (message.offset < this.next) continue;
      if (message.offset >= this.range.until) break;
      this.collected.push(message);
      this.next = message.offset + 1;
    }
    if (!this.done) this.next = Math.max(this.next, lastOffset + 1);
    return this.done;
  }
}

export interface ReaderContext {
  readonly kafka: Kafka;
  readonly admin: Pick<Admin, 'deleteGroups'>;
  readonly clientId: string;
  readonly tuning: Required<KafkaConsumerTuning>;
  readonly timeoutMs: number;
  readonly logger?: KafkaLogger;
}

/**
 * Reads a partition range. kafkajs cannot fetch without a consumer group (it has no `assign`), so
 * the read joins a throwaway group of its own, seeks, collects until `maxCount` or the watermark,
 * then leaves and deletes the group. That costs a group join per read, which suits inspection
 * (dead letters, tests) and not a hot path.
 */
export async function readPartition(context: ReaderContext, range: PartitionRange): Promise<Message[]> {
  const groupId = `${context.clientId}.read-${randomUUID()}`;
  const { tuning } = context;
  const consumer = context.kafka.consumer({
    groupId,
    sessionTimeout: tuning.sessionTimeout,
    rebalanceTimeout: tuning.rebalanceTimeout,
    heartbeatInterval: tuning.heartbeatInterval,
    // Short: the reader stops as soon as it has its messages, and a stop waits for the fetch in flight.
    maxWaitTimeInMs: Math.min(tuning.maxWaitTimeInMs, 100),
    allowAutoTopicCreation: false,
  });
  const collector = new PartitionCollector(range);
  const outcome = settlement(context.timeoutMs, range);
  const removeCrashListener = consumer.on(consumer.events.CRASH, ({ payload }) =>
    outcome.fail(payload.error),
  );
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [range.topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, isStale }) => {
        if (batch.partition !== range.partition || isStale() || collector.done) return;
        const messages = batch.messages.map((record) =>
          fromKafkaRecord(range.topic, range.partition, record),
        );
        if (collector.add(messages, Number(batch.lastOffset()))) outcome.finish();
        resolveOffset(batch.lastOffset());
      },
    });
    seekRange(consumer, range, outcome.fail);
    await outcome.settled;
    return collector.messages;
  } finally {
    outcome.cancel();
    removeCrashListener();
    await leave(context, consumer, groupId);
  }
}

/** Starts the read at `from` and pauses the other partitions, which the group was assigned too. */
function seekRange(
  consumer: ReturnType<Kafka['consumer']>,
  range: PartitionRange,
  fail: (error: unknown) => void,
): void {
  try {
    consumer.seek({ topic: range.topic, partition: range.partition, offset: String(range.from) });
    const others = range.partitions.filter((p) => p !== range.partition);
    if (others.length > 0) consumer.pause([{ topic: range.topic, partitions: others }]);
  } catch (error) {
    // The consumer crashed while joining; the crash, reported first, is the error to show.
    fail(error);
  }
}

/** The end of a read: finished, failed (a crash) or timed out. */
function settlement(timeoutMs: number, range: PartitionRange) {
  let finish!: () => void;
  let fail!: (error: unknown) => void;
  const settled = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  // Failing before anyone awaits must not count as an unhandled rejection.
  settled.catch(() => undefined);
  const timer = setTimeout(
    () =>
      fail(
        new Error(
          `reading ${range.topic} partition ${range.partition} from offset ${range.from} took over ${timeoutMs} ms`,
        ),
      ),
    timeoutMs,
  );
  return { settled, finish, fail, cancel: () => clearTimeout(timer) };
}

/** Leaves and deletes the throwaway group; failures are only logged, the read itself succeeded or failed already. */
async function leave(context: ReaderContext, consumer: ReturnType<Kafka['consumer']>, groupId: string) {
  try {
    await consumer.disconnect();
    await context.admin.deleteGroups([groupId]);
  } catch (error) {
    if (groupGone(error)) return;
    context.logger?.warn('Kafka reader could not clean up its group', {
      group: groupId,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

/** The broker drops an empty group that never committed by itself, so deleting it finds nothing. */
const GROUP_ID_NOT_FOUND = 69;

function groupGone(error: unknown): boolean {
  const groups = (error as { groups?: unknown } | undefined)?.groups;
  return (
    Array.isArray(groups) &&
    groups.length > 0 &&
    groups.every((group: { errorCode?: number }) => group.errorCode === GROUP_ID_NOT_FOUND)
  );
}
