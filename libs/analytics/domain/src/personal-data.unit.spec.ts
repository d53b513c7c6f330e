import { evolveComplaintView } from './complaint-view-evolve';
import { data, event, fold, newHistory, recorded } from './complaint-view.test-support';
import { withoutFields, withoutPersonalData } from './personal-data';

const MENTIONS =
  '请回电 13812345678 或发邮件 wang.fang@example.com，身份证 11010519491231002X。电表读数异常。';

describe('the search tokens of personal data', () => {
  it('sets apart the location and the marked mentions: no role without access finds the complaint by them', () => {
    newHistory();
    const view = evolveComplaintView(
      null,
      recorded('ComplaintReceived', { ...data, description: MENTIONS }),
    )!;
    expect(view.personalMentions).toEqual(['phone', 'email', 'id_card']);
    expect(view.searchTokens).toEqual(expect.arrayContaining(['13812345678', '幸福', '电表']));
    expect(view.personalSearchTokens).toEqual(
      expect.arrayContaining(['13812345678', 'wang', 'example', '11010519491231002x', '幸福']),
    );
    for (const open of ['电表', '读数', '智能', 'ks', 'gd2026112300815'])
      expect(view.personalSearchTokens).not.toContain(open);
  });

  it('follows the marks recorded on the registration, and a corrected text', () => {
    newHistory();
    const marks = { ...data, description: MENTIONS, personalMentions: ['email' as const] };
    const view = evolveComplaintView(null, recorded('ComplaintReceived', marks))!;
    expect(view.personalSearchTokens).toContain('wang');
    expect(view.personalSearchTokens).not.toContain('13812345678');
    const corrected = fold(
      event('RecordCorrected', {
        complaintId: 'c-1',
        corrections: { description: '请打 13900001111 联系我', location: '人民路 100 号' },
        correctedAt: '2026-11-23T02:02:00Z',
      }),
    );
    expect(corrected.personalSearchTokens).toEqual(expect.arrayContaining(['13900001111', '人民', '100']));
    expect(corrected.personalSearchTokens).not.toContain('幸福');
  });
});

describe('complaint data without personal data', () => {
  it('leaves out the personal fields and masks the marked mentions in free text, naming each', () => {
    const received = {
      ...data,
      description: MENTIONS,
      channelDetails: { platform: '微博', account: '@wangfang_1988' },
      subject: { type: 'staff', name: '营业员 13900002222' },
    };
    const { value, redacted } = withoutPersonalData(received, ['phone', 'email', 'id_card'], 'data.');
    expect(value).not.toHaveProperty('complainant');
    expect(value).not.toHaveProperty('location');
    expect(value.channelDetails).toEqual({ platform: '微博' });
    expect(value.description).toBe('请回电 [phone] 或发邮件 [e-mail]，身份证 [ID number]。电表读数异常。');
    expect(value.subject).toEqual({ type: 'staff', name: '营业员 [phone]' });
    expect(redacted.sort()).toEqual([
      'data.channelDetails.account',
      'data.complainant',
      'data.description',
      'data.location',
      'data.subject.name',
    ]);
  });

  it('reaches corrections and texts at any depth, and names nothing when there is nothing to withhold', () => {
    const corrections = {
      corrections: { complainant: { subjectId: 'customer-C1', sealed: 'pd1.x' }, location: '人民路' },
      appeal: { grounds: '联系我 13900003333' },
    };
    const { value, redacted } = withoutPersonalData(corrections, ['phone']);
    expect(value).toEqual({ corrections: {}, appeal: { grounds: '联系我 [phone]' } });
    expect(redacted).toEqual(['corrections.complainant', 'corrections.location', 'appeal.grounds']);
    expect(withoutPersonalData({ location: null, reason: '已退款' }, ['phone'])).toEqual({
      value: { location: null, reason: '已退款' },
      redacted: [],
    });
  });

  it('leaves out named fields (links the caller may not follow), naming those present', () => {
    const merged = { complaintId: 'c-2', duplicateOf: 'c-1', duplicateOfReference: 'KS-1', similarity: 0.8 };
    expect(withoutFields(merged, ['duplicateOf', 'duplicateOfReference', 'repeatOf'], 'data.')).toEqual({
      value: { complaintId: 'c-2', similarity: 0.8 },
      redacted: ['data.duplicateOf', 'data.duplicateOfReference'],
    });
  });
});
