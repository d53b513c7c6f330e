import type { CaseEvent } from '@kesu/assignment-contracts';
import { emptyCaseFile, evolveCaseFile } from './case-file';
import { at, complaintId, events } from './case.test-support';

const fileOf = (history: CaseEvent[]) => history.reduce(evolveCaseFile, emptyCaseFile());

const planned: CaseEvent = {
  type: 'InvestigationPlanned',
  data: { complaintId, plan: '调取监控', plannedBy: 'user-handler2', plannedAt: at },
};
const note: CaseEvent = {
  type: 'CaseNoteAdded',
  data: { complaintId, noteId: 'n-1', text: '已致电客户', addedBy: 'user-handler2', addedAt: at },
};
const photo: CaseEvent = {
  type: 'EvidenceAdded',
  data: {
    complaintId,
    evidenceId: 'e-2',
    kind: 'file',
    file: { sha256: 'a'.repeat(64), size: 120, mediaType: 'image/png', fileName: '电表.png' },
    addedBy: 'user-handler2',
    addedAt: at,
  },
};
const reference: CaseEvent = {
  type: 'EvidenceAdded',
  data: {
    complaintId,
    evidenceId: 'e-1',
    kind: 'reference',
    referenceType: 'cctv',
    reference: 'CAM-3 10:02',
    addedBy: 'user-handler2',
    addedAt: at,
  },
};
const reopened: CaseEvent = {
  type: 'CaseReopened',
  data: { complaintId, reason: 'unsatisfied', reopenedAt: at },
};

describe('a case file', () => {
  it('given no case work, then it is empty', () => {
    expect(fileOf([])).toEqual({ plan: null, notes: [], evidence: [], finding: null });
  });

  it('given a plan, a note, a reference, a file and a finding, then it lists each with who and when', () => {
    expect(fileOf([planned, note, reference, photo, events.found])).toEqual({
      plan: { plan: '调取监控', plannedBy: 'user-handler2', plannedAt: at },
      notes: [{ noteId: 'n-1', text: '已致电客户', addedBy: 'user-handler2', addedAt: at }],
      evidence: [
        {
          evidenceId: 'e-1',
          kind: 'reference',
          referenceType: 'cctv',
          reference: 'CAM-3 10:02',
          addedBy: 'user-handler2',
          addedAt: at,
        },
        {
          evidenceId: 'e-2',
          kind: 'file',
          file: { sha256: 'a'.repeat(64), size: 120, mediaType: 'image/png', fileName: '电表.png' },
          addedBy: 'user-handler2',
          addedAt: at,
        },
      ],
      finding: {
        facts: '收银员多收费用',
        rootCause: 'billing_error',
        responsibility: 'company_at_fault',
        staffInvolved: [],
        recordedBy: 'user-handler2',
        recordedAt: at,
      },
    });
  });

  it('given a reopened case, then what was gathered before stays on file', () => {
    const file = fileOf([note, photo, events.found, reopened]);
    expect(file.notes).toHaveLength(1);
    expect(file.evidence).toHaveLength(1);
    expect(file.finding?.rootCause).toBe('billing_error');
  });
});
