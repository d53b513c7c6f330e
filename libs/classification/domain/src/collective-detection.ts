import { type CollectiveIncidentDetectedData } from '@kesu/classification-contracts';
import { createHash } from 'node:crypto';
import { textRuns } from '@kesu/text';
import { DEFAULT_COLLECTIVE_THRESHOLD } from './classification';
import { normaliseForMatching } from './rules/term-matching';

/** A recently classified complaint of one tenant, as collective detection needs it. */
export interface RecentComplaint {
  readonly complaintId: string;
  readonly branchId: string;
  readonly category: string;
  readonly subjectName?: string;
  /** Distinct tokens of the description, e.g. from {@link descriptionTokens}. */
  readonly tokens: readonly string[];
  readonly receivedAt: string;
  readonly complainantCount: number;
  /** The recorded incident it belongs to, if any (detection ignores it; matching reads it). */
  readonly incidentId?: string;
}

/**
 * How detection decides; a tenant's `collectiveThreshold` gives both counts, so the rules and
 * detection call the same matter collective.
 */
export interface CollectiveDetectionOptions {
  /** Complaints about one target within the window that make an incident (the collective threshold). */
  readonly minComplaints?: number;
  /** The window, in milliseconds (default 2 h). */
  readonly windowMs?: number;
  /** complainantCount of one complaint that alone makes an incident (the collective threshold). */
  readonly minComplainants?: number;
  /** Jaccard similarity of description tokens above which two complaints share a target (default 0.3). */
  readonly minSimilarity?: number;
}

export const DEFAULT_COLLECTIVE_DETECTION = {
  minComplaints: DEFAULT_COLLECTIVE_THRESHOLD,
  windowMs: 2 * 60 * 60 * 1000,
  minComplainants: DEFAULT_COLLECTIVE_THRESHOLD,
  minSimilarity: 0.3,
} as const;

export interface CollectiveCluster {
  readonly incidentId: string;
  readonly tenantId: string;
  readonly branchId: string;
  readonly category: string;
  /** What they have in common, readable: branch, category and subject or shared terms. */
  readonly target: string;
  /** The stable key the incident id is derived from: `branchId|category|subject`. */
  readonly targetKey: string;
  readonly complaintIds: readonly string[];
  readonly complainantCount: number;
  /** receivedAt of the earliest complaint in the cluster. */
  readonly windowStart: string;
  /** receivedAt of the latest complaint in the cluster. */
  readonly windowEnd: string;
  /** Many complaints in a window, or one complaint made by many people. */
  readonly reason: 'many_complaints' | 'many_complainants';
  /** Description tokens shared by at least half of the complaints (most frequent first, at most 8). */
  readonly sharedTerms: readonly string[];
}

/**
 * Tokens for similarity: Han character bigrams (a single Han character on its own) and words or
 * numbers of two or more characters, after `@kesu/text`'s normalisation (NFKC, lower case); masked
 * numbers (`***`, `XXXX`, `138****1234`) dropped.
 */
export function descriptionTokens(text: string): string[] {
  const han = new Set<string>();
  const words = new Set<string>();
  for (const run of textRuns(text, { maskNumbers: {} })) {
    if (run.kind === 'han') {
      const chars = [...run.text];
      if (chars.length === 1) han.add(chars[0]!);
      for (let i = 0; i + 1 < chars.length; i++) han.add(chars[i]! + chars[i + 1]!);
    } else if (run.kind === 'word' && run.text.length >= 2) {
      words.add(run.text);
    }
  }
  return [...han, ...words];
}

/** Deterministic incident id from tenant, target key and window start (SHA-256, UUID-shaped). */
export function collectiveIncidentId(tenantId: string, targetKey: string, windowStart: string): string {
  const h = createHash('sha256').update(`${tenantId}\n${targetKey}\n${windowStart}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Subject names as compared, by the name as written (bounded: cleared when full). */
const subjectKeys = new Map<string, string>();
const subjectKey = (c: RecentComplaint): string => {
  const name = c.subjectName ?? '';
  let key = subjectKeys.get(name);
  if (key === undefined) {
    key = normaliseForMatching(name);
    if (subjectKeys.size >= 10_000) subjectKeys.clear();
    subjectKeys.set(name, key);
  }
  return key;
};
const time = (c: RecentComplaint): number => Date.parse(c.receivedAt);

/**
 * A complaint with what similarity needs computed once: its time, its subject key, and its token set
 * once a similarity starts from it (most complaints of a match are only compared with).
 */
interface Prepared {
  readonly c: RecentComplaint;
  readonly t: number;
  readonly subject: string;
  tokenSet?: ReadonlySet<string>;
}

/** The complaints with a valid time, prepared, in time order (then by id): detection's order. */
function prepare(complaints: readonly RecentComplaint[]): Prepared[] {
  return complaints
    .map((c): Prepared => ({ c, t: time(c), subject: subjectKey(c) }))
    .filter((p) => !Number.isNaN(p.t))
    .sort((a, b) => a.t - b.t || a.c.complaintId.localeCompare(b.c.complaintId));
}

/**
 * How alike two complaints' targets are: 1 for the same subject name, else the Jaccard similarity of
 * their tokens (each complaint's tokens are distinct, as {@link descriptionTokens} gives them).
 */
function targetSimilarity(a: Prepared, b: Prepared): number {
  if (a.subject !== '' && a.subject === b.subject) return 1;
  const aTokens = (a.tokenSet ??= new Set(a.c.tokens));
  const bTokens = b.c.tokens;
  if (aTokens.size === 0 && bTokens.length === 0) return 0;
  let shared = 0;
  for (const t of bTokens) if (aTokens.has(t)) shared++;
  return shared / (aTokens.size + bTokens.length - shared);
}

/** Whether two complaints are about one target within the window: an edge of detection's graph. */
const linked = (a: Prepared, b: Prepared, o: Required<CollectiveDetectionOptions>): boolean =>
  Math.abs(a.t - b.t) <= o.windowMs && targetSimilarity(a, b) >= o.minSimilarity;

/**
 * The `many_complaints` clusters of one connected component (in time order): each window of at
 * least `minComplaints` complaints received within `windowMs` of its first, cut from the start.
 */
function windowClusters(
  tenantId: string,
  members: readonly Prepared[],
  o: Required<CollectiveDetectionOptions>,
): CollectiveCluster[] {
  const clusters: CollectiveCluster[] = [];
  let start = 0;
  while (start < members.length) {
    let end = start;
    while (end + 1 < members.length && members[end + 1]!.t - members[start]!.t <= o.windowMs) end++;
    if (end - start + 1 >= o.minComplaints) {
      clusters.push(
        makeCluster(
          tenantId,
          members.slice(start, end + 1).map((p) => p.c),
          'many_complaints',
        ),
      );
      start = end + 1;
    } else start++;
  }
  return clusters;
}

const byWindowAndTarget = (a: CollectiveCluster, b: CollectiveCluster): number =>
  a.windowStart.localeCompare(b.windowStart) || a.targetKey.localeCompare(b.targetKey);

function makeCluster(
  tenantId: string,
  members: readonly RecentComplaint[],
  reason: CollectiveCluster['reason'],
): CollectiveCluster {
  const first = members[0];
  const last = members[members.length - 1];
  const subjects = new Map<string, number>();
  for (const m of members) {
    const s = subjectKey(m);
    if (s) subjects.set(s, (subjects.get(s) ?? 0) + 1);
  }
  const subject =
    [...subjects.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '';
  const counts = new Map<string, number>();
  for (const m of members) for (const t of new Set(m.tokens)) counts.set(t, (counts.get(t) ?? 0) + 1);
  const sharedTerms = [...counts.entries()]
    .filter(([, n]) => members.length === 1 || n * 2 >= members.length)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 8)
    .map(([t]) => t);
  const targetKey = `${first.branchId}|${first.category}|${subject}`;
  const about = subject ? `subject "${subject}"` : `terms: ${sharedTerms.join(' ') || '-'}`;
  return {
    incidentId: collectiveIncidentId(tenantId, targetKey, first.receivedAt),
    tenantId,
    branchId: first.branchId,
    category: first.category,
    target: `branch ${first.branchId}, category ${first.category}, ${about}`,
    targetKey,
    complaintIds: members.map((m) => m.complaintId),
    complainantCount: members.reduce((n, m) => n + Math.max(1, m.complainantCount), 0),
    windowStart: first.receivedAt,
    windowEnd: last.receivedAt,
    reason,
    sharedTerms,
  };
}

/** The event data of a detected cluster. */
export function collectiveIncidentData(
  cluster: CollectiveCluster,
  detectedAt: string,
): CollectiveIncidentDetectedData {
  return {
    incidentId: cluster.incidentId,
    tenantId: cluster.tenantId,
    branchId: cluster.branchId,
    target: cluster.target,
    complaintIds: cluster.complaintIds,
    complainantCount: cluster.complainantCount,
    windowStart: cluster.windowStart,
    detectedAt,
  };
}

// ---------------------------------------------------------------- matching a classified complaint

/** What a classified complaint means for collective incidents (see {@link matchCollectiveIncident}). */
export type CollectiveMatch =
  /** It belongs to a recorded incident already. */
  | { readonly kind: 'member'; readonly incidentId: string }
  /** It joins a recorded incident, and so do the complaints of its cluster not recorded in one. */
  | { readonly kind: 'join'; readonly incidentId: string; readonly complaints: readonly RecentComplaint[] }
  /** The new incidents it completes; none when it is not part of one. */
  | { readonly kind: 'detected'; readonly clusters: readonly CollectiveCluster[] };

/**
 * Matches one complaint of `recent` (the tenant's complaints of its branch from the last two windows,
 * with their incidents) against recorded and new collective incidents, by the detection rules:
 * - a member of an incident stays a member (a complaint belongs to one incident);
 * - a complaint about the target of a recorded incident joins it: one with the same branch and
 *   category, received within `windowMs` of a member, with the same subject name or descriptions of
 *   Jaccard ≥ `minSimilarity` (of several such incidents, that of the most similar member, then the
 *   earliest); failing that, a cluster it completes that reaches a member of a recorded incident
 *   merges into that incident. The complaints not yet recorded that are linked to it join with it;
 * - otherwise the clusters it completes are new incidents: `many_complaints`, at least
 *   `minComplaints` complaints of its branch and category about a similar target (the same subject
 *   name, or descriptions of Jaccard ≥ `minSimilarity`, linked transitively) received within
 *   `windowMs` of the cluster's first complaint; or `many_complainants`, the complaint alone when
 *   its complainantCount is at least `minComplainants` and it is in no such cluster.
 * Pass the complaints of at least the last two windows, so that a growing cluster keeps its first
 * complaint and therefore its incident id. The complaint's cluster is searched from it through complaints not yet recorded (members of
 * incidents end a path), so its cost grows with the complaints not yet in an incident, not with an
 * incident's size. Deterministic: the same complaints in any order give the same clusters and
 * incident ids (derived from tenant, target and window start), ordered by window start, then target.
 */
export function matchCollectiveIncident(
  tenantId: string,
  complaintId: string,
  recent: readonly RecentComplaint[],
  options: CollectiveDetectionOptions = {},
): CollectiveMatch {
  const o = { ...DEFAULT_COLLECTIVE_DETECTION, ...options };
  const found = recent.find((c) => c.complaintId === complaintId);
  if (!found) return { kind: 'detected', clusters: [] };
  if (found.incidentId !== undefined) return { kind: 'member', incidentId: found.incidentId };
  const group = prepare(recent.filter((c) => c.branchId === found.branchId && c.category === found.category));
  const complaint = group.find((p) => p.c.complaintId === complaintId);
  if (!complaint) return { kind: 'detected', clusters: [] };

  // the complaints linked to it through complaints not yet recorded, and the members they reach
  const component = [complaint];
  const seen = new Set([complaintId]);
  let reached: Prepared | undefined;
  for (let k = 0; k < component.length; k++) {
    const from = component[k]!;
    for (const p of group) {
      if (seen.has(p.c.complaintId) || !linked(from, p, o)) continue;
      if (p.c.incidentId !== undefined) {
        if (!reached || p.t < reached.t) reached = p;
        continue;
      }
      seen.add(p.c.complaintId);
      component.push(p);
    }
  }
  component.sort((a, b) => a.t - b.t || a.c.complaintId.localeCompare(b.c.complaintId));
  const clusters = windowClusters(tenantId, component, o).filter((c) => c.complaintIds.includes(complaintId));
  if (clusters.length === 0 && complaint.c.complainantCount >= o.minComplainants)
    clusters.push(makeCluster(tenantId, [complaint.c], 'many_complainants'));

  const incidentId = closestIncident(complaint, group, o) ?? reached?.c.incidentId;
  if (incidentId === undefined) return { kind: 'detected', clusters: clusters.sort(byWindowAndTarget) };
  const others = component.filter((p) => p !== complaint).map((p) => p.c);
  return { kind: 'join', incidentId, complaints: [complaint.c, ...others] };
}

/** The incident of the recorded complaint most like this one about the same target, if any. */
function closestIncident(
  complaint: Prepared,
  group: readonly Prepared[],
  o: Required<CollectiveDetectionOptions>,
): string | undefined {
  let best: { incidentId: string; similarity: number; at: number } | undefined;
  for (const m of group) {
    if (m.c.incidentId === undefined || m.c.complaintId === complaint.c.complaintId) continue;
    if (!(Math.abs(m.t - complaint.t) <= o.windowMs)) continue;
    const similarity = targetSimilarity(complaint, m);
    if (similarity < o.minSimilarity) continue;
    const better =
      !best ||
      similarity > best.similarity ||
      (similarity === best.similarity &&
        (m.t < best.at || (m.t === best.at && m.c.incidentId < best.incidentId)));
    if (better) best = { incidentId: m.c.incidentId, similarity, at: m.t };
  }
  return best?.incidentId;
}

/**
 * The complaints a match puts in an incident, and the incident each goes to: what a detection claims
 * before it records them (none for a member).
 */
export function complaintsTakenBy(match: CollectiveMatch): Map<string, string> {
  switch (match.kind) {
    case 'member':
      return new Map();
    case 'join':
      return new Map(match.complaints.map((c) => [c.complaintId, match.incidentId]));
    case 'detected':
      return new Map(match.clusters.flatMap((c) => c.complaintIds.map((id) => [id, c.incidentId] as const)));
  }
}
