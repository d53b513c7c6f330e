import { DeadLetterHeaders, type Message, UndeliverableMessageError } from '@kesu/ports';
import { deadLetterMessage, errorText, MAX_ERROR_TEXT } from './dead-letter';

const failed: Message = {
  topic: 'complaints.intake.v1',
  partition: 2,
  offset: 17,
  key: 'complaint-9',
  id: 'evt-9',
  value: { n: 9 },
  headers: { 'x-event-type': 'ComplaintRegistered' },
  timestamp: '2026-02-03T04:05:06.000Z',
};

describe('deadLetterMessage', () => {
  it('copies key and value, keeps the headers and adds where and why the message failed', () => {
    const error = new Error('cannot handle evt-9');
    const dead = deadLetterMessage(failed, { group: 'analytics', error, attempts: 5 });
    expect(dead).toEqual({
      key: 'complaint-9',
      id: 'analytics:evt-9',
      value: { n: 9 },
      headers: {
        'x-event-type': 'ComplaintRegistered',
        [DeadLetterHeaders.error]: expect.stringContaining('cannot handle evt-9'),
        [DeadLetterHeaders.attempts]: '5',
        [DeadLetterHeaders.group]: 'analytics',
        [DeadLetterHeaders.topic]: 'complaints.intake.v1',
        [DeadLetterHeaders.partition]: '2',
        [DeadLetterHeaders.offset]: '17',
      },
    });
    expect(dead.headers![DeadLetterHeaders.error]).toContain('dead-letter.unit.spec');
  });

  it('gives each group its own dead-letter id', () => {
    const error = new Error('x');
    expect(deadLetterMessage(failed, { group: 'a', error, attempts: 1 }).id).not.toBe(
      deadLetterMessage(failed, { group: 'b', error, attempts: 1 }).id,
    );
  });
});

describe('errorText', () => {
  it('is the stack, which starts with the name and message', () => {
    const error = new TypeError('bad input');
    expect(errorText(error)).toBe(error.stack);
    expect(errorText(error)).toMatch(/^TypeError: bad input\n\s+at /);
  });

  it('puts the message in front of a stack that lost it', () => {
    const error = new Error('lost message');
    error.stack = 'at somewhere (file.ts:1:1)';
    expect(errorText(error)).toBe('Error: lost message\nat somewhere (file.ts:1:1)');
  });

  it('is only the reason of an undeliverable message', () => {
    expect(
      errorText(new UndeliverableMessageError('ComplaintReceived v2 is newer than this consumer knows (v1)')),
    ).toBe('ComplaintReceived v2 is newer than this consumer knows (v1)');
  });

  it('describes what is thrown that is not an Error', () => {
    expect(errorText('plain text')).toBe('plain text');
    expect(errorText({ code: 42 })).toBe('{"code":42}');
    expect(errorText(undefined)).toBe('undefined');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(errorText(circular)).toBe('[object Object]');
  });

  it('cuts a long error to the limit and says so', () => {
    const error = new Error('x'.repeat(10_000));
    const text = errorText(error);
    expect(text).toHaveLength(MAX_ERROR_TEXT);
    expect(text.startsWith('Error: xxx')).toBe(true);
    expect(text.endsWith('… (truncated)')).toBe(true);
    expect(errorText('short', 100)).toBe('short');
  });

  it('never cuts a character in half', () => {
    const text = errorText(`ab${'😀'.repeat(10)}`, 16);
    expect(text.length).toBeLessThanOrEqual(16);
    expect(text).toBe('ab… (truncated)');
    expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text);
  });
});
