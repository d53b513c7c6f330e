import { followUpSettingsDecider } from './settings-decider';
import { BUILT_IN_TEMPLATES, renderTemplate } from './templates';
import type { FollowUpStreamEvent } from './follow-up';
import { after, COMPLAINT, resolved, stateAfter, when } from './follow-up.test-support';
import { DEFAULT_FOLLOW_UP_SETTINGS } from './settings';

const callback = (reached: boolean, satisfaction?: 'satisfied' | 'unsatisfied' | 'basically_satisfied') => ({
  type: 'RecordCallback' as const,
  by: 'user-agent1',
  at: after(20),
  reached,
  ...(satisfaction && { answer: { satisfaction, score: 4 } }),
  finalCategory: 'fees_price',
});

describe('the follow-up lifecycle', () => {
  it('schedules the callback a day after resolution, and the re-review window 5 days after', () => {
    expect(resolved()).toEqual([
      expect.objectContaining({
        type: 'CallbackScheduled',
        data: expect.objectContaining({
          complaintId: COMPLAINT,
          dueAt: after(24),
          closesWithoutObjectionAt: after(72),
          reReviewRequestBy: after(120),
          maxAttempts: 3,
        }),
      }),
    ]);
  });

  it('closes a satisfied customer with the final category and the reason', () => {
    const events = when(resolved(), callback(true, 'satisfied'));
    expect(events.map((e) => e.type)).toEqual(['SatisfactionRecorded', 'ComplaintClosed']);
    expect(events[1]!.data).toMatchObject({
      reason: 'satisfied',
      finalCategory: 'fees_price',
      outcome: 'resolved',
    });
  });

  it('keeps an unsatisfied customer open and lets them reopen it, counting reopens', () => {
    const answered = [...resolved(), ...when(resolved(), callback(true, 'unsatisfied'))];
    expect(answered.map((e) => e.type)).toEqual(['CallbackScheduled', 'SatisfactionRecorded']);
    const reopen = when(answered, {
      type: 'ReopenComplaint',
      by: 'user-agent1',
      at: after(21),
      reason: 'unsatisfied',
      bySupervisor: false,
    });
    expect(reopen).toEqual([
      expect.objectContaining({
        type: 'ComplaintReopened',
        data: expect.objectContaining({ reopenCount: 1 }),
      }),
    ]);
    expect(stateAfter([...answered, ...reopen]).stage).toBe('reopened');
    expect(when(answered, { type: 'CloseWithoutObjection', at: after(100), finalCategory: 'x' })).toEqual([]);
  });

  it('counts callback tries and closes as unreachable after the last', () => {
    let given: FollowUpStreamEvent[] = resolved();
    for (let i = 0; i < 2; i++) given = [...given, ...when(given, callback(false))];
    expect(stateAfter(given).callbackAttempts).toBe(2);
    const last = when(given, callback(false));
    expect(last.map((e) => e.type)).toEqual(['CallbackAttempted', 'CustomerUnreachable', 'ComplaintClosed']);
    expect(last[2]!.data).toMatchObject({ reason: 'unreachable' });
  });

  it('closes without objection once the window passes, not before', () => {
    expect(when(resolved(), { type: 'CloseWithoutObjection', at: after(71), finalCategory: 'x' })).toEqual(
      [],
    );
    const closed = when(resolved(), { type: 'CloseWithoutObjection', at: after(72), finalCategory: 'x' });
    expect(closed[0]!.data).toMatchObject({ reason: 'no_objection', closedBy: 'follow-up' });
  });

  it('reopens a closed complaint only for a supervisor', () => {
    const closed = [...resolved(), ...when(resolved(), callback(true, 'satisfied'))];
    const reopen = {
      type: 'ReopenComplaint' as const,
      by: 'u',
      at: after(30),
      reason: 'supervisor_decision' as const,
    };
    expect(() => when(closed, { ...reopen, bySupervisor: false })).toThrow('only a supervisor');
    expect(when(closed, { ...reopen, bySupervisor: true })[0]!.type).toBe('ComplaintReopened');
  });

  describe('re-review (复查)', () => {
    const request = (at: string, reviewerId = 'user-manager1') => ({
      type: 'RequestReReview' as const,
      recordedBy: 'user-agent1',
      at,
      reviewerId,
      reason: '赔偿不足',
      settings: DEFAULT_FOLLOW_UP_SETTINGS,
    });

    it('is requested within the window, by another reviewer, answered within the limit', () => {
      expect(() => when(resolved(), request(after(121)))).toThrow('until');
      expect(() => when(resolved(), request(after(10), 'user-h1'))).toThrow('original handler');
      const [requested] = when(resolved(), request(after(10)));
      expect(requested!.data).toMatchObject({ reviewerId: 'user-manager1', answerDueBy: after(10 + 144) });
    });

    it('a changed decision reopens the complaint; an upheld one closes it', () => {
      const given = [...resolved(), ...when(resolved(), request(after(10)))];
      const decide = (outcome: 'upheld' | 'changed', by = 'user-manager1') =>
        when(given, {
          type: 'DecideReReview',
          by,
          at: after(11),
          outcome,
          explanation: '补偿',
          finalCategory: 'x',
        });
      expect(() => decide('changed', 'user-other')).toThrow('assigned reviewer');
      expect(decide('changed').map((e) => e.type)).toEqual(['ReReviewDecided', 'ComplaintReopened']);
      expect(decide('changed')[1]!.data).toMatchObject({ reason: 're_review' });
      expect(decide('upheld')[1]!.data).toMatchObject({ reason: 're_review_upheld' });
    });
  });

  describe('the survey link', () => {
    const issued = () => [
      ...resolved(),
      ...when(resolved(), { type: 'IssueSurveyLink', tokenId: 't1', at: after(0), expiresAt: after(168) }),
    ];
    const answer = (at: string) => ({
      type: 'AnswerSurvey' as const,
      tokenId: 't1',
      at,
      answer: { satisfaction: 'basically_satisfied' as const },
      finalCategory: 'x',
    });

    it('is answered once, before it expires', () => {
      const first = when(issued(), answer(after(1)));
      expect(first.map((e) => e.type)).toEqual([
        'SurveyLinkAnswered',
        'SatisfactionRecorded',
        'ComplaintClosed',
      ]);
      expect(first[1]!.data).toMatchObject({ via: 'survey', recordedBy: 'customer' });
      expect(() => when([...issued(), ...first], answer(after(2)))).toThrow('used already');
      expect(() => when(issued(), answer(after(168)))).toThrow('expired');
    });
  });
});

describe('commands decided as one', () => {
  it('schedules the callback and records the notice together', () => {
    const events = when([], {
      type: 'AllOf',
      commands: [
        { type: 'IssueSurveyLink', tokenId: 't1', at: after(0), expiresAt: after(1) },
        { type: 'IssueSurveyLink', tokenId: 't1', at: after(0), expiresAt: after(1) },
      ],
    });
    expect(events.map((e) => e.type)).toEqual(['SurveyLinkIssued']);
  });
});

describe('a tenant’s follow-up settings', () => {
  it('numbers each change of a template and refuses unknown variables', () => {
    const change = (text: string) => ({
      type: 'ChangeTemplate' as const,
      kind: 'resolution_notice' as const,
      language: 'en' as const,
      template: { subject: 'Re {{reference}}', text },
      by: 'admin',
      at: after(0),
    });
    const [first] = followUpSettingsDecider.decide(
      change('Done: {{summary}}'),
      followUpSettingsDecider.initialState(),
    );
    expect(first!.data).toMatchObject({ version: 1 });
    const state = followUpSettingsDecider.evolve(followUpSettingsDecider.initialState(), first!);
    expect(followUpSettingsDecider.decide(change('Again'), state)[0]!.data).toMatchObject({ version: 2 });
    expect(() => followUpSettingsDecider.decide(change('{{password}}'), state)).toThrow('invalid field');
  });
});

describe('templates', () => {
  it('escape every value in the HTML of an e-mail, and keep the text as it is', () => {
    const rendered = renderTemplate(
      { subject: '{{reference}}\n', text: 'Done: {{summary}}' },
      {
        reference: 'KS-1',
        summary: '<script>alert(1)</script> & more',
      },
    );
    expect(rendered.html).toBe('<p>Done: &lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>');
    expect(rendered.text).toBe('Done: <script>alert(1)</script> & more');
    expect(BUILT_IN_TEMPLATES.resolution_notice['zh-CN'].text).toContain('{{surveyUrl}}');
  });
});
