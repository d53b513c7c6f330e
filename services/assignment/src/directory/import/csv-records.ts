import type { RecordKind } from '@kesu/assignment-domain';
import { CsvError, parse } from 'csv-parse/sync';
import {
  fileProblem,
  type ImportProblem,
  type ImportSource,
  MAX_IMPORT_RECORDS,
  type RecordPlace,
} from './import-problems';

/**
 * The CSV an HR system exports: a header, then one row per unit, department or person, told apart by
 * the `record` column. Lists (`roles`, `units`, `departments`, `skills`, `languages`) are separated by
 * `;` or `|`; an empty list cell means none. A person's `capacity` or `on_duty` left empty, or a list
 * column the file does not have, keeps what the person had.
 */
export const CSV_COLUMNS = [
  'record',
  'id',
  'kind',
  'parent',
  'unit',
  'name_zh',
  'name_en',
  'head',
  'username',
  'roles',
  'units',
  'departments',
  'skills',
  'languages',
  'capacity',
  'on_duty',
] as const;

type Column = (typeof CSV_COLUMNS)[number];
type Row = Partial<Record<Column, string>>;

const KINDS: Readonly<Record<string, RecordKind>> = {
  unit: 'unit',
  department: 'department',
  person: 'person',
};

/** The column that holds each field of a record. */
const COLUMN_OF: Readonly<Record<RecordKind, Readonly<Record<string, Column>>>> = {
  unit: {
    unitId: 'id',
    kind: 'kind',
    parentId: 'parent',
    name: 'name_zh',
    'name.zh': 'name_zh',
    'name.en': 'name_en',
  },
  department: {
    departmentId: 'id',
    unitId: 'unit',
    kind: 'kind',
    headId: 'head',
    name: 'name_zh',
    'name.zh': 'name_zh',
    'name.en': 'name_en',
  },
  person: {
    personId: 'id',
    username: 'username',
    name: 'name_zh',
    'name.zh': 'name_zh',
    'name.en': 'name_en',
    roles: 'roles',
    unitIds: 'units',
    departmentIds: 'departments',
    skills: 'skills',
    languages: 'languages',
    capacity: 'capacity',
    onDuty: 'on_duty',
  },
};

const TRUE = ['true', 'yes', 'y', '1', '是', '在岗'];
const FALSE = ['false', 'no', 'n', '0', '否', '不在岗'];

/** The records of a CSV file, each placed at its line; a malformed file is one problem, on the line it breaks. */
export function recordsOfCsv(csv: string): ImportSource {
  let rows: { record: Row; info: { lines: number } }[];
  let columns: string[] = [];
  try {
    rows = parse(csv, {
      bom: true,
      columns: (header: string[]) => (columns = header.map((name) => name.trim().toLowerCase())),
      info: true,
      skip_empty_lines: true,
      trim: true,
    }) as { record: Row; info: { lines: number } }[];
  } catch (error) {
    const line = error instanceof CsvError ? (error as CsvError & { lines?: number }).lines : undefined;
    const reason = error instanceof Error ? error.message : String(error);
    return empty([
      fileProblem(
        'csv',
        'csv.malformed',
        `CSV 文件格式错误：${reason}`,
        `the CSV is malformed: ${reason}`,
        line,
      ),
    ]);
  }
  const problems = columnProblems(columns);
  if (problems.length > 0) return empty(problems);
  if (rows.length === 0)
    return empty([fileProblem('csv', 'import.empty', 'CSV 文件中没有记录', 'the CSV has no records')]);
  if (rows.length > MAX_IMPORT_RECORDS) return empty([tooLarge('csv', rows.length)]);
  const source: ImportSource = { records: [], places: [], problems: [] };
  for (const { record: row, info } of rows) {
    const kind = KINDS[(row.record ?? '').toLowerCase()];
    if (!kind) {
      source.problems.push(
        fileProblem(
          'record',
          'csv.record_kind',
          `record 列须为 unit、department 或 person，而不是 "${row.record ?? ''}"`,
          `record must be unit, department or person, not "${row.record ?? ''}"`,
          info.lines,
        ),
      );
      continue;
    }
    const place: RecordPlace = {
      line: info.lines,
      ...(row.id ? { id: row.id } : {}),
      fieldName: (field) => COLUMN_OF[kind][field] ?? field,
    };
    source.records.push({ kind, values: valuesOf(kind, row, columns) });
    source.places.push(place);
  }
  return source;
}

function valuesOf(kind: RecordKind, row: Row, columns: readonly string[]): Record<string, unknown> {
  const name = { zh: row.name_zh ?? '', en: row.name_en ?? '' };
  const optional = (value: string | undefined) => (value === undefined || value === '' ? null : value);
  if (kind === 'unit') return { unitId: row.id, kind: row.kind, parentId: optional(row.parent), name };
  if (kind === 'department')
    return {
      departmentId: row.id,
      unitId: row.unit,
      name,
      kind: optional(row.kind),
      headId: optional(row.head),
    };
  const list = (column: Column, field: string) =>
    columns.includes(column)
      ? {
          [field]: (row[column] ?? '')
            .split(/[;|]/)
            .map((item) => item.trim())
            .filter(Boolean),
        }
      : {};
  return {
    personId: row.id,
    username: row.username,
    name,
    roles: (row.roles ?? '')
      .split(/[;|]/)
      .map((role) => role.trim())
      .filter(Boolean),
    ...list('units', 'unitIds'),
    ...list('departments', 'departmentIds'),
    ...list('skills', 'skills'),
    ...list('languages', 'languages'),
    ...(row.capacity ? { capacity: /^\d+$/.test(row.capacity) ? Number(row.capacity) : row.capacity } : {}),
    ...(row.on_duty ? { onDuty: booleanOf(row.on_duty) } : {}),
  };
}

function booleanOf(cell: string): boolean | string {
  const value = cell.toLowerCase();
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  return cell;
}

function columnProblems(columns: readonly string[]): ImportProblem[] {
  const problems: ImportProblem[] = [];
  for (const required of ['record', 'id'])
    if (!columns.includes(required))
      problems.push(
        fileProblem(
          required,
          'csv.column_missing',
          `缺少 ${required} 列`,
          `the header has no ${required} column`,
          1,
        ),
      );
  for (const column of columns)
    if (!(CSV_COLUMNS as readonly string[]).includes(column))
      problems.push(
        fileProblem(
          column,
          'csv.column_unknown',
          `未知的列 "${column}"，可用的列：${CSV_COLUMNS.join('、')}`,
          `unknown column "${column}"; the columns are ${CSV_COLUMNS.join(', ')}`,
          1,
        ),
      );
  return problems;
}

const empty = (problems: ImportProblem[]): ImportSource => ({ records: [], places: [], problems });

export const tooLarge = (field: string, count: number): ImportProblem =>
  fileProblem(
    field,
    'import.too_large',
    `一次最多导入 ${MAX_IMPORT_RECORDS} 条记录，文件有 ${count} 条`,
    `an import takes at most ${MAX_IMPORT_RECORDS} records; the file has ${count}`,
  );
