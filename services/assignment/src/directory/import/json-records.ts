import type { RecordKind } from '@kesu/assignment-domain';
import { tooLarge } from './csv-records';
import { fileProblem, type ImportSource, MAX_IMPORT_RECORDS } from './import-problems';

/** The lists of a JSON export and what their records are about. */
const LISTS: Readonly<Record<string, RecordKind>> = {
  units: 'unit',
  departments: 'department',
  people: 'person',
};
const ID_FIELD: Readonly<Record<RecordKind, string>> = {
  unit: 'unitId',
  department: 'departmentId',
  person: 'personId',
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The records of a JSON export: `{ units: [...], departments: [...], people: [...] }`, each record
 * with the fields of `PUT /api/v1/directory/…` plus its id (`unitId`, `departmentId`, `personId`).
 * A field is named by its path in the request (`json.people.3.username`).
 */
export function recordsOfJson(json: unknown): ImportSource {
  const source: ImportSource = { records: [], places: [], problems: [] };
  if (!isObject(json)) {
    source.problems.push(
      shape(
        'json',
        'json 须为含 units、departments、people 列表的对象',
        'json must be an object of the lists units, departments and people',
      ),
    );
    return source;
  }
  for (const [list, items] of Object.entries(json)) {
    const kind = LISTS[list];
    if (!kind) {
      source.problems.push(
        shape(
          `json.${list}`,
          `未知的列表 ${list}（可用：units、departments、people）`,
          `unknown list ${list} (the lists are units, departments and people)`,
        ),
      );
      continue;
    }
    if (!Array.isArray(items)) {
      source.problems.push(shape(`json.${list}`, `${list} 须为列表`, `${list} must be a list`));
      continue;
    }
    for (const [index, item] of items.entries()) {
      const path = `json.${list}.${index}`;
      if (!isObject(item)) {
        source.problems.push(shape(path, '每条记录须为对象', 'each record must be an object'));
        continue;
      }
      const id = item[ID_FIELD[kind]];
      source.records.push({ kind, values: item });
      source.places.push({ ...(typeof id === 'string' && { id }), fieldName: (field) => `${path}.${field}` });
    }
  }
  if (source.records.length > MAX_IMPORT_RECORDS)
    return { records: [], places: [], problems: [tooLarge('json', source.records.length)] };
  if (source.records.length === 0 && source.problems.length === 0)
    source.problems.push(fileProblem('json', 'import.empty', '文件中没有记录', 'the file has no records'));
  return source;
}

const shape = (field: string, zh: string, en: string) => fileProblem(field, 'json.shape', zh, en);
