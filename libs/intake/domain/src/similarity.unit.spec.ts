import { normaliseText, sameSubjectName, textSimilarity, textTokens } from './similarity';

/** The default threshold of the intake policy. */
const THRESHOLD = 0.35;

describe('text normalisation', () => {
  it('folds full-width characters and case, and strips punctuation', () => {
    expect(normaliseText('ＡＢＣ１２３，营业厅！！ Hello,World.')).toBe('abc123 营业厅 hello world');
  });

  it('collapses every masked number to one token, whatever its digits', () => {
    const masked = [
      '工号138****1234态度差',
      '工号139****5678态度差',
      '工号XXXX态度差',
      '工号xx/xx/xxxx态度差',
      '工号**态度差',
    ];
    const normalised = masked.map(normaliseText);
    expect(new Set(normalised).size).toBe(1);
    expect(normalised[0]).not.toMatch(/\d|\*/);
  });

  it('leaves words with an x alone', () => {
    expect(normaliseText('taxi XXL box')).toBe('taxi xxl box');
  });
});

describe('text tokens', () => {
  it('takes Han bigrams plus the characters that carry meaning', () => {
    expect([...textTokens('宽带坏了')].sort()).toEqual(['坏', '坏了', '宽', '宽带', '带', '带坏'].sort());
  });

  it('stems English plurals and verb endings and drops stop words', () => {
    expect([...textTokens('The deliveries were delayed, waiting for boxes')].sort()).toEqual(
      ['box', 'delay', 'delivery', 'wait'].sort(),
    );
  });
});

/** The same matter told twice by one complainant, as a second call puts it. */
const sameMatter: ReadonlyArray<readonly [string, string, string]> = [
  [
    'late delivery (送货延迟)',
    '我订的卷烟说好周二送到，到现在还没送货，送货员电话也打不通。',
    '上周订的卷烟到现在还没送到，送货员电话一直打不通，已经耽误我卖货了。',
  ],
  [
    'late delivery, a short second call',
    '我订的卷烟说好周二送到，到现在还没送货，送货员电话也打不通。',
    '又打电话问一下，卷烟还是没送到，送货太慢了。',
  ],
  [
    'broadband repair no-show (宽带维修师傅爽约)',
    '约好周六上午上门维修宽带，维修师傅没来，也没打电话通知，白等了一上午。',
    '宽带维修师傅又爽约了，说好上门维修一直没来。',
  ],
  [
    'smart meter over-counting (智能电表计量不准)',
    '家里换了智能电表以后，电费比以前多了一倍，怀疑电表计量不准。',
    '上次反映的智能电表计量不准的问题还没解决，这个月电费又翻倍了。',
  ],
  [
    'rude staff (营业员态度恶劣)',
    '人民路营业厅营业员态度恶劣，排队两个小时，还对我大声呵斥。',
    '营业厅那个营业员态度很差，我排了两个小时队，她还吼我。',
  ],
  [
    'rude staff, with masked numbers',
    '营业员138****1234态度恶劣，于xx/xx/xxxx在**县营业厅对我大声呵斥。',
    '营业员态度恶劣，在**县营业厅对我大声呵斥，工号139****5678。',
  ],
  [
    'late delivery',
    'My order was supposed to be delivered on Tuesday but it still has not arrived and the driver does not answer the phone.',
    'Calling again about my order: it has still not been delivered, the driver never answers his phone.',
  ],
  [
    'broadband repair no-show',
    'The broadband repair technician did not show up for the Saturday morning appointment and nobody called.',
    'Second time the broadband technician missed the repair appointment, nobody showed up or called.',
  ],
  [
    'smart meter over-counting',
    'Since the new smart meter was installed my electricity bill doubled; the meter is over-counting.',
    'The smart meter is still over-counting, my electricity bill is twice what it used to be.',
  ],
  [
    'rude staff',
    'The clerk at the Renmin Road service hall was extremely rude and shouted at me after I queued for two hours.',
    'Rude clerk at Renmin Road hall shouted at me again after a two hour queue.',
  ],
];

/** Different matters of one complainant, often about the same subject. */
const differentMatters: ReadonlyArray<readonly [string, string, string]> = [
  [
    'late delivery / wrong price',
    '我订的卷烟说好周二送到，到现在还没送货，送货员电话也打不通。',
    '卷烟的标价和实际收费不一致，多收了我二十块钱。',
  ],
  [
    'late delivery / short delivery',
    '我订的卷烟说好周二送到，到现在还没送货，送货员电话也打不通。',
    '送货员送来的卷烟少了两条，签收单上却写的是全部送到。',
  ],
  [
    'repair no-show / slow line',
    '约好周六上午上门维修宽带，维修师傅没来，也没打电话通知，白等了一上午。',
    '宽带每天晚上八点以后网速特别慢，看视频一直卡。',
  ],
  [
    'meter over-counting / wall damaged at installation',
    '家里换了智能电表以后，电费比以前多了一倍，怀疑电表计量不准。',
    '安装智能电表的工人把墙面弄坏了，没有修补就走了。',
  ],
  [
    'rude staff / broken air conditioning in the same hall',
    '人民路营业厅营业员态度恶劣，排队两个小时，还对我大声呵斥。',
    '人民路营业厅空调坏了，大厅里特别热，老人都中暑了。',
  ],
  [
    'late delivery / damaged goods',
    'My order was supposed to be delivered on Tuesday but it still has not arrived and the driver does not answer the phone.',
    'The parcel arrived but the screen of the tablet is cracked, I want a replacement.',
  ],
  [
    'repair no-show / slow line',
    'The broadband repair technician did not show up for the Saturday morning appointment and nobody called.',
    'My broadband is very slow every evening after eight and videos keep buffering.',
  ],
  [
    'meter over-counting / wall damaged at installation',
    'Since the new smart meter was installed my electricity bill doubled; the meter is over-counting.',
    'The workers who installed the smart meter damaged the wall and left without fixing it.',
  ],
  [
    'rude staff / opening hours of the same hall',
    'The clerk at the Renmin Road service hall was extremely rude and shouted at me after I queued for two hours.',
    'The service hall closed an hour earlier than the opening hours posted on the door.',
  ],
];

describe('text similarity', () => {
  it.each(sameMatter)('recognises the same matter told twice: %s', (_name, first, second) => {
    expect(textSimilarity(first, second)).toBeGreaterThanOrEqual(THRESHOLD);
    expect(textSimilarity(second, first)).toBe(textSimilarity(first, second));
  });

  it.each(differentMatters)('tells different matters apart: %s', (_name, first, second) => {
    expect(textSimilarity(first, second)).toBeLessThan(THRESHOLD);
  });

  it('is 1 for the same text and 0 for nothing in common or nothing at all', () => {
    expect(textSimilarity('营业员态度恶劣', '营业员态度恶劣！')).toBe(1);
    expect(textSimilarity('宽带断网', 'smart meter')).toBe(0);
    expect(textSimilarity('', '宽带断网')).toBe(0);
  });
});

describe('subject names', () => {
  it('match when the shorter is mostly inside the longer', () => {
    expect(sameSubjectName('人民路营业厅', '人民路营业厅 3 号窗口')).toBe(true);
    expect(sameSubjectName('Renmin Road service hall', 'renmin road hall')).toBe(true);
    expect(sameSubjectName('光纤宽带', '宽带')).toBe(true);
  });

  it('differ when they name different things', () => {
    expect(sameSubjectName('人民路营业厅', '解放路营业厅')).toBe(false);
    expect(sameSubjectName('smart meter', 'broadband router')).toBe(false);
  });
});
