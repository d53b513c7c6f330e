import { useCallback, useEffect, useRef, useState } from 'react';
import { type Problem, ProblemError, request } from '../../api/http';
import type { CaseView, Complaint } from '../../api/types';
import { problemOf } from '../../shell/problem';

/** A complaint's view and its case, each with the entity tag an edit sends back as If-Match. */
export interface ComplaintState {
  readonly complaint?: Complaint;
  readonly complaintTag: string | null;
  readonly caseView?: CaseView;
  readonly caseTag: string | null;
  readonly problem: Problem | null;
}

async function loadCase(id: string): Promise<{ caseView?: CaseView; caseTag: string | null }> {
  try {
    const reply = await request<CaseView>(`/api/v1/complaints/${id}/case`);
    return { caseView: reply.body, caseTag: reply.etag };
  } catch (error) {
    // No case yet, or not the caller's to work: the page shows the complaint without case actions.
    if (error instanceof ProblemError && [403, 404, 409].includes(error.status)) return { caseTag: null };
    throw error;
  }
}

/**
 * Loads the complaint and its case; `refresh` loads them again now and twice more shortly after, as
 * the views follow the events moments later.
 */
export function useComplaint(id: string): ComplaintState & { refresh(): void } {
  const [state, setState] = useState<ComplaintState>({ complaintTag: null, caseTag: null, problem: null });
  const timers = useRef<number[]>([]);
  const load = useCallback(async () => {
    try {
      const [complaint, work] = await Promise.all([
        request<Complaint>(`/api/v1/complaints/${id}`),
        loadCase(id),
      ]);
      // A case does not go away: a momentary refusal keeps the case (and any open action form) shown.
      setState((s) => ({
        complaint: complaint.body,
        complaintTag: complaint.etag,
        caseView: work.caseView ?? s.caseView,
        caseTag: work.caseView ? work.caseTag : s.caseTag,
        problem: null,
      }));
    } catch (error) {
      setState((s) => ({ ...s, problem: problemOf(error) }));
    }
  }, [id]);
  useEffect(() => {
    void load();
    const pending = timers.current;
    return () => pending.forEach((timer) => window.clearTimeout(timer));
  }, [load]);
  const refresh = useCallback(() => {
    void load();
    timers.current.push(
      window.setTimeout(() => void load(), 700),
      window.setTimeout(() => void load(), 2000),
    );
  }, [load]);
  return { ...state, refresh };
}
