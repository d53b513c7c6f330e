import { type TopicAdmin, TopicRegistry, topicOffsets } from './topic-registry';

/** An admin client that records its calls; topics it "has" are listed and not created again. */
function fakeAdmin(existing: string[] = []) {
  const topics = new Set(existing);
  const calls: string[] = [];
  let failNext = false;
  const admin: TopicAdmin = {
    listTopics: async () => {
      calls.push('list');
      return [...topics];
    },
    createTopics: async ({ topics: requested }) => {
      const [{ topic, numPartitions, replicationFactor, configEntries }] = requested as [
        {
          topic: string;
          numPartitions: number;
          replicationFactor: number;
          configEntries?: Array<{ name: string; value: string }>;
        },
      ];
      const config = (configEntries ?? []).map((c) => ` ${c.name}=${c.value}`).join('');
      calls.push(`create ${topic} ${numPartitions}x${replicationFactor}${config}`);
      await new Promise((resolve) => setImmediate(resolve));
      if (failNext) {
        failNext = false;
        throw new Error('controller unavailable');
      }
      const created = !topics.has(topic);
      topics.add(topic);
      return created;
    },
  };
  return { admin, calls, failOnce: () => void (failNext = true) };
}

describe('TopicRegistry', () => {
  it('creates a topic once with the default partitions, even when asked concurrently', async () => {
    const { admin, calls } = fakeAdmin();
    const registry = new TopicRegistry(admin, { partitions: 6, replicationFactor: 3 });
    await Promise.all([registry.ensure('t'), registry.ensure('t'), registry.ensure('t')]);
    await registry.ensure('t', 2);
    expect(calls).toEqual(['list', 'create t 6x3 min.insync.replicas=2']);
  });

  it('asks for the requested partitions, and never asks to create a topic that is listed', async () => {
    const { admin, calls } = fakeAdmin(['old']);
    const registry = new TopicRegistry(admin, { partitions: 6, replicationFactor: 1 });
    await registry.ensure('new', 3);
    await registry.ensure('old', 3);
    await registry.ensure('old', 3);
    expect(calls).toEqual(['list', 'create new 3x1', 'list']);
  });

  it('tries again after a failed creation', async () => {
    const { admin, calls, failOnce } = fakeAdmin();
    const registry = new TopicRegistry(admin, { partitions: 1, replicationFactor: 1 });
    failOnce();
    await expect(registry.ensure('t')).rejects.toThrow('controller unavailable');
    await registry.ensure('t');
    expect(calls).toEqual(['list', 'create t 1x1', 'list', 'create t 1x1']);
  });

  it('refuses a partition count that is not a positive integer', async () => {
    const registry = new TopicRegistry(fakeAdmin().admin, { partitions: 1, replicationFactor: 1 });
    await expect(registry.ensure('t', 0)).rejects.toThrow(/partition count/);
    await expect(registry.ensure('t', 2.5)).rejects.toThrow(/partition count/);
  });

  it('tells whether a topic exists without creating it, and remembers the ones that do', async () => {
    const { admin, calls } = fakeAdmin(['there']);
    const registry = new TopicRegistry(admin, { partitions: 1, replicationFactor: 1 });
    expect(await registry.exists('missing')).toBe(false);
    expect(await registry.exists('there')).toBe(true);
    expect(await registry.exists('there')).toBe(true);
    expect(calls).toEqual(['list', 'list']);
  });
});

describe('topicOffsets', () => {
  it('reports committed and end offsets per partition, in partition order', () => {
    expect(
      topicOffsets(
        [
          { partition: 1, low: '0', high: '7' },
          { partition: 0, low: '0', high: '5' },
        ],
        [
          { partition: 0, offset: '3' },
          { partition: 1, offset: '7' },
        ],
      ),
    ).toEqual([
      { partition: 0, committed: 3, end: 5 },
      { partition: 1, committed: 7, end: 7 },
    ]);
  });

  it('reports the low watermark for a partition the group never committed on', () => {
    expect(
      topicOffsets(
        [
          { partition: 0, low: '0', high: '4' },
          { partition: 1, low: '12', high: '20' },
          { partition: 2, low: '5', high: '5' },
        ],
        [
          { partition: 0, offset: '-1' },
          { partition: 1, offset: '-1' },
        ],
      ),
    ).toEqual([
      { partition: 0, committed: 0, end: 4 },
      { partition: 1, committed: 12, end: 20 },
      { partition: 2, committed: 5, end: 5 },
    ]);
  });
});
