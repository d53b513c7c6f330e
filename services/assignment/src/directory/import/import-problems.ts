import type { LocalizedName } from '@kesu/assignment-contracts';
import type { DirectoryProblem, DirectoryRecord, RecordKind, RecordProblem } from '@kesu/assignment-domain';

/**
 * One thing wrong with an imported file, where it is: the CSV line (the header is line 1), what the
 * record is about and its id, the field (the CSV column, or the JSON path `json.people.3.username`),
 * a stable code, and the message in English and Chinese.
 */
export interface ImportProblem {
  readonly line?: number;
  readonly record?: RecordKind;
  readonly id?: string;
  readonly field: string;
  readonly code: string;
  readonly message: string;
  readonly messages: LocalizedName;
}

/** Where a record of an imported file came from, and how the file names its fields. */
export interface RecordPlace {
  readonly line?: number;
  readonly id?: string;
  /** The file's name of one of the record's fields (`parentId` → `parent`, or `json.units.2.parentId`). */
  fieldName(field: string): string;
}

/** The records of an imported file, where each came from, and what is wrong with the file itself. */
export interface ImportSource {
  readonly records: DirectoryRecord[];
  readonly places: RecordPlace[];
  readonly problems: ImportProblem[];
}

/** The most records one import takes. */
export const MAX_IMPORT_RECORDS = 20_000;

/** A problem of the file itself, not of one of its records. */
export function fileProblem(
  field: string,
  code: string,
  zh: string,
  en: string,
  line?: number,
): ImportProblem {
  return { ...(line !== undefined && { line }), field, code, message: en, messages: { zh, en } };
}

/** A record's problem, placed where the file has it. */
export function placed(
  problem: RecordProblem,
  records: readonly DirectoryRecord[],
  places: readonly RecordPlace[],
): ImportProblem {
  const place = places[problem.record]!;
  return placedProblem(problem, records[problem.record]!.kind, place);
}

export function placedProblem(
  problem: DirectoryProblem,
  kind: RecordKind,
  place: RecordPlace,
): ImportProblem {
  return {
    ...(place.line !== undefined && { line: place.line }),
    record: kind,
    ...(place.id !== undefined && { id: place.id }),
    field: place.fieldName(problem.field),
    code: problem.code,
    message: problem.message.en,
    messages: problem.message,
  };
}
