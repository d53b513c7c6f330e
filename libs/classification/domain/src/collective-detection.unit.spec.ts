import {
  collectiveIncidentData,
  collectiveIncidentId,
  complaintsTakenBy,
  descriptionTokens,
  matchCollectiveIncident,
  type RecentComplaint,
} from './collective-detection';

const T0 = Date.parse('2024-05-01T08:00:00.000Z');
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

const complaint = (
  id: string,
  minutes: number,
  description: string,
  over: Partial<RecentComplaint> = {},
): RecentComplaint => ({
  complaintId: id,
  branchId: 'b-1',
  category: 'metering',
  tokens: descriptionTokens(description),
  receivedAt: at(minutes),
  complainantCount: 1,
  ...over,
});

const meterTexts = [
  '新装智能电表计量不准，电费翻倍',
  '小区新装的智能电表计量不准',
  '智能电表计量不准，这个月电费太高',
  '新装智能电表走得快，计量不准',
  '新装智能电表计量不准，要求换回机械表',
];

describe('descriptionTokens', () => {
  it('gives Han bigrams and Latin words, dropping masks', () => {
    expect(descriptionTokens('电表不准 Smart meter XXXX 12')).toEqual([
      '电表',
      '表不',
      '不准',
      'smart',
      'meter',
      '12',
    ]);
  });

  it('links complaints by the Jaccard similarity of their tokens', () => {
    // {a b c d} and {a b c e}: 3 shared of 5 distinct, 0.6
    const pair = [
      complaint('c0', 0, '', { tokens: ['aa', 'bb', 'cc', 'dd'] }),
      complaint('c1', 1, '', { tokens: ['aa', 'bb', 'cc', 'ee'] }),
    ];
    const clusters = (minSimilarity: number) =>
      matchCollectiveIncident('t-1', 'c1', pair, { minComplaints: 2, minSimilarity });
    expect(clusters(0.6)).toMatchObject({ kind: 'detected', clusters: [{ complaintIds: ['c0', 'c1'] }] });
    expect(clusters(0.61)).toEqual({ kind: 'detected', clusters: [] });
  });
});

/** The new incidents a complaint completes among complaints recorded in no incident. */
const detected = (
  complaintId: string,
  complaints: readonly RecentComplaint[],
  options: Parameters<typeof matchCollectiveIncident>[3] = {},
  tenantId = 't-1',
) => {
  const match = matchCollectiveIncident(tenantId, complaintId, complaints, options);
  if (match.kind !== 'detected') throw new Error(`expected a detection, got ${match.kind}`);
  return match.clusters;
};

describe('detecting new incidents', () => {
  it('finds five similar complaints about one target within two hours', () => {
    const complaints = meterTexts.map((t, i) => complaint(`c${i}`, i * 20, t));
    const [cluster, ...rest] = detected('c4', complaints);
    expect(rest).toEqual([]);
    expect(cluster).toMatchObject({
      tenantId: 't-1',
      branchId: 'b-1',
      category: 'metering',
      complaintIds: ['c0', 'c1', 'c2', 'c3', 'c4'],
      complainantCount: 5,
      windowStart: at(0),
      windowEnd: at(80),
      reason: 'many_complaints',
    });
    expect(cluster.sharedTerms).toEqual(expect.arrayContaining(['电表', '计量']));
    expect(cluster.target).toContain('metering');
    expect(cluster.incidentId).toBe(collectiveIncidentId('t-1', cluster.targetKey, at(0)));
  });

  it('needs the minimum count within the window', () => {
    const four = meterTexts.slice(0, 4).map((t, i) => complaint(`c${i}`, i * 10, t));
    expect(detected('c3', four)).toEqual([]);
    const spread = meterTexts.map((t, i) => complaint(`c${i}`, i * 40, t)); // 160 min > 2 h
    expect(detected('c4', spread)).toEqual([]);
    expect(detected('c4', spread, { windowMs: 3 * 3_600_000 })).toHaveLength(1);
  });

  it('does not mix branches, categories or unrelated texts', () => {
    const mixed = [
      ...meterTexts.slice(0, 3).map((t, i) => complaint(`a${i}`, i, t)),
      complaint('x1', 5, meterTexts[3], { branchId: 'b-2' }),
      complaint('x2', 6, meterTexts[4], { category: 'billing' }),
      complaint('x3', 7, '营业厅工作人员态度恶劣'),
      complaint('x4', 8, '停车场收费不合理'),
    ];
    for (const { complaintId } of mixed) expect(detected(complaintId, mixed)).toEqual([]);
  });

  it('links complaints by the same subject name even with different texts', () => {
    const complaints = ['电梯坏了', '困在电梯里半小时', 'lift broken again', '电梯异响', '电梯门夹人'].map(
      (t, i) => complaint(`e${i}`, i, t, { category: 'elevator', subjectName: ' 3号楼电梯 ' }),
    );
    const [cluster] = detected('e4', complaints);
    expect(cluster.complaintIds).toHaveLength(5);
    expect(cluster.targetKey).toBe('b-1|elevator|3号楼电梯');
    expect(cluster.target).toContain('3号楼电梯');
  });

  it('flags one complaint made by many people', () => {
    const c = complaint('c20', 0, '新装智能电表计量不准，二十多位居民到营业厅抗议，说不解决就去信访', {
      complainantCount: 20,
    });
    const [cluster] = detected('c20', [c, complaint('c2', 5, '路灯坏了', { complainantCount: 4 })]);
    expect(cluster).toMatchObject({
      complaintIds: ['c20'],
      complainantCount: 20,
      reason: 'many_complainants',
    });
    expect(detected('c20', [c])).toHaveLength(1);
    expect(detected('c2', [c, complaint('c2', 5, '路灯坏了', { complainantCount: 4 })])).toEqual([]);
  });

  it('is deterministic regardless of input order and the id depends on tenant', () => {
    const complaints = meterTexts.map((t, i) => complaint(`c${i}`, i * 20, t));
    const a = detected('c2', complaints);
    const b = detected('c2', [...complaints].reverse());
    expect(b).toEqual(a);
    expect(detected('c2', complaints, {}, 't-2')[0]!.incidentId).not.toBe(a[0]!.incidentId);
    // found from any of its complaints, the cluster is the same
    expect(detected('c4', complaints)).toEqual(a);
    expect(a[0].incidentId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('maps a cluster to CollectiveIncidentDetected data', () => {
    const [cluster] = detected(
      'c0',
      meterTexts.map((t, i) => complaint(`c${i}`, i, t)),
    );
    expect(collectiveIncidentData(cluster, at(100))).toEqual({
      incidentId: cluster.incidentId,
      tenantId: 't-1',
      branchId: 'b-1',
      target: cluster.target,
      complaintIds: cluster.complaintIds,
      complainantCount: 5,
      windowStart: at(0),
      detectedAt: at(100),
    });
  });
});

describe('matchCollectiveIncident', () => {
  const recorded = (c: RecentComplaint, incidentId = 'i-1'): RecentComplaint => ({ ...c, incidentId });
  const incident = meterTexts.map((t, i) => recorded(complaint(`c${i}`, i * 10, t)));

  it('keeps a member in its incident', () => {
    expect(matchCollectiveIncident('t-1', 'c2', incident)).toEqual({ kind: 'member', incidentId: 'i-1' });
  });

  it('joins a later complaint about the target to the recorded incident', () => {
    const sixth = complaint('c5', 100, '又一户反映新装智能电表计量不准');
    expect(matchCollectiveIncident('t-1', 'c5', [...incident, sixth])).toEqual({
      kind: 'join',
      incidentId: 'i-1',
      complaints: [sixth],
    });
  });

  it('joins by the same subject name, and to one complaint made by many people', () => {
    const crowd = recorded(
      complaint('c20', 0, '二十户居民的燃气表同时被停', { complainantCount: 20 }),
      'i-9',
    );
    const later = complaint('c21', 30, '燃气表被停，没有通知', { subjectName: '燃气表' });
    const sameSubject = [{ ...crowd, subjectName: '燃气表' }, later];
    expect(matchCollectiveIncident('t-1', 'c21', sameSubject)).toMatchObject({
      kind: 'join',
      incidentId: 'i-9',
    });
    expect(matchCollectiveIncident('t-1', 'c21', [crowd, later])).toEqual({ kind: 'detected', clusters: [] });
  });

  it('does not join across branches, categories, unrelated texts or beyond the window of every member', () => {
    for (const outsider of [
      complaint('x', 50, meterTexts[0], { branchId: 'b-2' }),
      complaint('x', 50, meterTexts[0], { category: 'billing' }),
      complaint('x', 50, '营业厅工作人员态度恶劣'),
      complaint('x', 40 + 121, meterTexts[0]),
    ])
      expect(matchCollectiveIncident('t-1', 'x', [...incident, outsider])).toEqual({
        kind: 'detected',
        clusters: [],
      });
    // within the window of the latest member, though not of the first: the incident is still going on
    expect(
      matchCollectiveIncident('t-1', 'x', [...incident, complaint('x', 40 + 119, meterTexts[0])]),
    ).toMatchObject({
      kind: 'join',
    });
  });

  it('joins the incident of the most similar member when several are about the target', () => {
    const a = recorded(complaint('a', 0, '新装智能电表计量不准，电费翻倍'), 'i-a');
    const b = recorded(complaint('b', 5, '新装智能电表计量不准，要求换回机械表'), 'i-b');
    const x = complaint('x', 10, '新装智能电表计量不准，要求换回机械表');
    expect(matchCollectiveIncident('t-1', 'x', [a, b, x])).toMatchObject({ incidentId: 'i-b' });
    expect(matchCollectiveIncident('t-1', 'x', [b, a, x])).toMatchObject({ incidentId: 'i-b' });
  });

  it('merges a cluster sharing a member with a recorded incident into it, its other new complaints too', () => {
    // z is like no member (only the same subject links it to a, b, c and y): the cluster merges it
    const first = recorded(complaint('c0', 0, '智能电表 计量 不准 电费 翻倍'));
    const others = ['a', 'b', 'c'].map((id, i) =>
      complaint(id, 10 + i, '智能电表 计量 不准 电费 翻倍 校验', { subjectName: '三号楼' }),
    );
    const y = complaint('y', 20, '三号楼 路灯 不亮', { subjectName: '三号楼' });
    const bridge = complaint('z', 30, '楼道 漏水', { subjectName: '三号楼' });
    const match = matchCollectiveIncident('t-1', 'z', [first, ...others, y, bridge]);
    expect(match).toMatchObject({ kind: 'join', incidentId: 'i-1' });
    expect(match.kind === 'join' && match.complaints.map((c) => c.complaintId)).toEqual([
      'z',
      'a',
      'b',
      'c',
      'y',
    ]);
  });

  it('brings along the complaints not yet recorded that are linked to the joining one', () => {
    // a is like no member, only like x (the same subject); x is like the members
    const a = complaint('a', 45, '楼道 漏水 没人管', { subjectName: '五号楼' });
    const x = complaint('x', 50, '又一户反映新装智能电表计量不准', { subjectName: '五号楼' });
    const lone = complaint('l', 46, '营业厅工作人员态度恶劣');
    const match = matchCollectiveIncident('t-1', 'x', [...incident, a, lone, x]);
    expect(match).toMatchObject({ kind: 'join', incidentId: 'i-1' });
    expect(match.kind === 'join' && match.complaints.map((c) => c.complaintId)).toEqual(['x', 'a']);
  });

  it('detects new incidents among complaints recorded in none', () => {
    const fresh = meterTexts.map((t, i) => complaint(`c${i}`, i * 10, t));
    const match = matchCollectiveIncident('t-1', 'c4', fresh);
    expect(match).toEqual({ kind: 'detected', clusters: detected('c0', fresh) });
    expect(match.kind === 'detected' && match.clusters).toHaveLength(1);
  });

  it('names the complaints a match puts in an incident: none for a member', () => {
    const fresh = meterTexts.map((t, i) => complaint(`c${i}`, i * 10, t));
    const [cluster] = detected('c0', fresh);
    const found = complaintsTakenBy(matchCollectiveIncident('t-1', 'c4', fresh));
    expect([...found]).toEqual(fresh.map((c) => [c.complaintId, cluster!.incidentId]));
    const x = complaint('x', 50, '又一户反映新装智能电表计量不准');
    expect([...complaintsTakenBy(matchCollectiveIncident('t-1', 'x', [...incident, x]))]).toEqual([
      ['x', 'i-1'],
    ]);
    expect(complaintsTakenBy(matchCollectiveIncident('t-1', 'c2', incident)).size).toBe(0);
  });
});
