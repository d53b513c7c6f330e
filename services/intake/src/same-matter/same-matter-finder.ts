import { type IntakePolicy, type IntakeStatus, type SubjectType } from '@kesu/intake-contracts';
import { OPEN_INTAKE_STATUSES, type SameMatter, sameSubjectName, tokenSimilarity } from '@kesu/intake-domain';
import type { IdentityIndex, IdentityIndexEntry } from './identity-index';

export interface NewComplaint {
  readonly tenantId: string;
  readonly keyHashes: readonly string[];
  readonly subject: { readonly type: SubjectType; readonly name?: string };
  readonly tokens: ReadonlySet<string>;
  readonly receivedAt: Date;
}

/**
 * Looks for the same complainant's earlier complaint about the same matter within the policy's
 * window: same person (any identity key hash in common), same subject (type equal and, when both
 * name it, the same name) and a similar description (similarity at or above the threshold). An
 * open one wins over an ended one (the new complaint is then a duplicate, not a repeat); among
 * equals, the most similar, then the latest. Merged complaints are passed over: their matter lives
 * on in the complaint they were merged into.
 */
export async function findSameMatter(
  index: IdentityIndex,
  policy: IntakePolicy,
  complaint: NewComplaint,
): Promise<SameMatter | undefined> {
  const since = new Date(complaint.receivedAt.getTime() - policy.duplicateWindowDays * 86_400_000);
  const entries = await index.earlier(complaint.tenantId, complaint.keyHashes, since.toISOString());
  let best: (SameMatter & { receivedAt: string }) | undefined;
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.complaintId) || entry.status === 'merged' || !sameSubject(entry, complaint)) continue;
    seen.add(entry.complaintId);
    const similarity = tokenSimilarity(complaint.tokens, new Set(entry.tokens));
    if (similarity < policy.similarityThreshold) continue;
    const candidate = {
      complaintId: entry.complaintId,
      reference: entry.reference,
      open: OPEN_INTAKE_STATUSES.includes(entry.status as IntakeStatus),
      similarity,
      receivedAt: entry.receivedAt,
    };
    if (!best || better(candidate, best)) best = candidate;
  }
  if (!best) return undefined;
  const { receivedAt: _receivedAt, ...sameMatter } = best;
  return sameMatter;
}

function sameSubject(entry: IdentityIndexEntry, complaint: NewComplaint): boolean {
  if (entry.subjectType !== complaint.subject.type) return false;
  if (!entry.subjectName || !complaint.subject.name) return true;
  return sameSubjectName(entry.subjectName, complaint.subject.name);
}

function better(a: SameMatter & { receivedAt: string }, b: SameMatter & { receivedAt: string }): boolean {
  if (a.open !== b.open) return a.open;
  if (a.similarity !== b.similarity) return a.similarity > b.similarity;
  return a.receivedAt > b.receivedAt;
}
