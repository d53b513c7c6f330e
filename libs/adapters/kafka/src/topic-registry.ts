import type { TopicOffsets } from '@kesu/ports';
import type { Admin } from 'kafkajs';

/** What the registry needs of the kafkajs admin client. */
export type TopicAdmin = Pick<Admin, 'createTopics' | 'listTopics'>;

/**
 * The topics this process knows to exist. Topics are created on first use with the default
 * partition count, as the embedded log does, instead of relying on the broker's auto-creation
 * (often off, and with the broker's partition count). Known topics are cached, because publishing
 * asks on every call; a topic deleted behind the process's back is not noticed.
 */
export class TopicRegistry {
  private readonly known = new Set<string>();
  private readonly ensuring = new Map<string, Promise<void>>();

  constructor(
    private readonly admin: TopicAdmin,
    private readonly defaults: { readonly partitions: number; readonly replicationFactor: number },
  ) {}

  /** Creates the topic unless it exists; an existing topic keeps its partition count. */
  async ensure(topic: string, partitions = this.defaults.partitions): Promise<void> {
    if (!Number.isInteger(partitions) || partitions < 1)
      throw new Error(`invalid partition count ${partitions}`);
    if (this.known.has(topic)) return;
    await (this.ensuring.get(topic) ?? this.startEnsuring(topic, partitions));
  }

  /** Whether the topic exists, without creating it (reading or inspecting a topic must not). */
  async exists(topic: string): Promise<boolean> {
    if (this.known.has(topic)) return true;
    if ((await this.admin.listTopics()).includes(topic)) this.known.add(topic);
    return this.known.has(topic);
  }

  /** Concurrent first uses share one check. */
  private startEnsuring(topic: string, partitions: number): Promise<void> {
    const ensuring = this.createUnlessListed(topic, partitions).finally(() => this.ensuring.delete(topic));
    this.ensuring.set(topic, ensuring);
    return ensuring;
  }

  /**
   * Lists before creating: a principal that may write a topic need not be allowed to create
   * topics (as on a managed cluster whose topics come from deploy/kafka/create-topics.sh).
   * `createTopics` answers false for a topic another process created meanwhile.
   */
  private async createUnlessListed(topic: string, partitions: number): Promise<void> {
    if (!(await this.exists(topic))) {
      const { replicationFactor } = this.defaults;
      await this.admin.createTopics({
        topics: [
          {
            topic,
            numPartitions: partitions,
            replicationFactor,
            // As create-topics.sh: with three replicas a write waits for two, so one broker may be down.
            configEntries: replicationFactor >= 3 ? [{ name: 'min.insync.replicas', value: '2' }] : undefined,
          },
        ],
        waitForLeaders: true,
      });
      this.known.add(topic);
    }
  }
}

/** A partition's watermarks as kafkajs reports them: `low` is the first kept offset, `high` the next one. */
export interface Watermarks {
  readonly partition: number;
  readonly low: string;
  readonly high: string;
}

/**
 * A group's position on each partition. A partition the group never committed on reports the low
 * watermark: a new group starts there (`fromBeginning`), so its lag is what is still kept to read.
 */
export function topicOffsets(
  watermarks: readonly Watermarks[],
  committed: readonly { readonly partition: number; readonly offset: string }[],
): TopicOffsets[] {
  const committedBy = new Map(committed.map((c) => [c.partition, Number(c.offset)]));
  return [...watermarks]
    .sort((a, b) => a.partition - b.partition)
    .map(({ partition, low, high }) => {
      const offset = committedBy.get(partition) ?? -1;
      return { partition, committed: offset >= 0 ? offset : Number(low), end: Number(high) };
    });
}
