import { BackgroundWorkers } from './background-workers';

const recording = (journal: string[], name: string, failStop = false) => ({
  name,
  start: () => void journal.push(`start ${name}`),
  stop: async () => {
    journal.push(`stop ${name}`);
    if (failStop) throw new Error('stuck');
  },
});

describe('BackgroundWorkers', () => {
  it('starts in registration order and stops in reverse, even past a failing stop', async () => {
    const journal: string[] = [];
    const workers = new BackgroundWorkers();
    workers.register(recording(journal, 'a'));
    workers.register(recording(journal, 'b', true));
    workers.register(recording(journal, 'c'));
    expect(journal).toEqual([]);
    await workers.onApplicationBootstrap();
    await workers.beforeApplicationShutdown();
    await workers.stopAll();
    expect(journal).toEqual(['start a', 'start b', 'start c', 'stop c', 'stop b', 'stop a']);
  });

  it('starts a worker registered after bootstrap at once, and refuses one after shutdown', async () => {
    const journal: string[] = [];
    const workers = new BackgroundWorkers();
    await workers.onApplicationBootstrap();
    workers.register(recording(journal, 'late'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(journal).toEqual(['start late']);
    await workers.stopAll();
    expect(journal).toEqual(['start late', 'stop late']);
    expect(() => workers.register(recording(journal, 'too-late'))).toThrow(/stopped/);
  });
});
