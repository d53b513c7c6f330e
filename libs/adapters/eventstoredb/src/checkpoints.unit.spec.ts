import { checkpointEvent, checkpointFrom, checkpointStreamOf } from './checkpoints';

describe('subscription checkpoints', () => {
  it('live in one stream per subscription, under the prefix', () => {
    expect(checkpointStreamOf('kesu-checkpoint', 'projector')).toBe('kesu-checkpoint-projector');
  });

  it('round-trip the position through the event data', () => {
    const event = checkpointEvent(8_589_934_592);
    expect(event.contentType).toBe('application/json');
    expect(checkpointFrom(JSON.parse(JSON.stringify(event.data)))).toBe(8_589_934_592);
  });

  it('are 0 without an event and refuse data without a position', () => {
    expect(checkpointFrom(undefined)).toBe(0);
    expect(() => checkpointFrom({ position: 'x' })).toThrow(/no position/);
    expect(() => checkpointFrom('garbage')).toThrow(/no position/);
  });
});
