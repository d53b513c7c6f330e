import { acknowledgementMessage } from './acknowledgement';

describe('acknowledgement message', () => {
  it('tells a Chinese-speaking customer the reference and the local deadline', () => {
    const text = acknowledgementMessage(
      'zh',
      'KS-20261123-000001',
      '2026-11-24T02:00:00.000Z',
      'Asia/Shanghai',
    );
    expect(text).toContain('KS-20261123-000001');
    expect(text).toContain('2026年11月24日 10:00');
  });

  it('speaks English when the complaint was taken in English', () => {
    const text = acknowledgementMessage('en', 'KS-1', '2026-11-24T02:00:00.000Z', 'America/New_York');
    expect(text).toContain('23 November 2026, 21:00');
  });
});
