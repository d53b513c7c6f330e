import type {
  CaseEvent,
  EvidenceFile,
  EvidenceReferenceType,
  Responsibility,
} from '@kesu/assignment-contracts';

/** A piece of evidence as the case file lists it: a reference, or a stored file by its hash. */
export interface CaseFileEvidence {
  readonly evidenceId: string;
  readonly kind: 'reference' | 'file';
  readonly referenceType?: EvidenceReferenceType;
  readonly reference?: string;
  /** The stored file: SHA-256, size, sniffed media type and name (its download is `…/evidence/{sha256}`). */
  readonly file?: EvidenceFile;
  readonly description?: string;
  readonly addedBy: string;
  readonly addedAt: string;
}

/** What the investigation found, as last recorded. */
export interface CaseFileFinding {
  readonly facts: string;
  readonly rootCause: string;
  readonly responsibility: Responsibility;
  readonly staffInvolved: readonly string[];
  readonly recordedBy: string;
  readonly recordedAt: string;
}

/** A complaint's case file: the plan, the notes, the evidence and the finding, in the order recorded. */
export interface CaseFile {
  readonly plan: {
    readonly plan: string;
    readonly dueBy?: string;
    readonly plannedBy: string;
    readonly plannedAt: string;
  } | null;
  readonly notes: readonly {
    readonly noteId: string;
    readonly text: string;
    readonly addedBy: string;
    readonly addedAt: string;
  }[];
  readonly evidence: readonly CaseFileEvidence[];
  readonly finding: CaseFileFinding | null;
}

export const emptyCaseFile = (): CaseFile => ({ plan: null, notes: [], evidence: [], finding: null });

/**
 * Folds a case's events into its file. A reopened case keeps what was gathered before (notes and
 * evidence stay on file); the plan and the finding are the latest recorded.
 */
export function evolveCaseFile(file: CaseFile, event: CaseEvent): CaseFile {
  switch (event.type) {
    case 'InvestigationPlanned': {
      const { complaintId: _c, ...plan } = event.data;
      return { ...file, plan };
    }
    case 'CaseNoteAdded': {
      const { complaintId: _c, ...note } = event.data;
      return { ...file, notes: [...file.notes, note] };
    }
    case 'EvidenceAdded': {
      const { complaintId: _c, ...evidence } = event.data;
      return { ...file, evidence: [...file.evidence, evidence] };
    }
    case 'FindingRecorded': {
      const { complaintId: _c, ...finding } = event.data;
      return { ...file, finding };
    }
    default:
      return file;
  }
}
