import { intakeDecider } from '@kesu/intake-domain';
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildCatalog, catalog, fileOf, generate } = require(
  join(__dirname, '../../contracts/events/generate.cjs'),
) as {
  buildCatalog: () => object;
  catalog: { events: Array<{ type: string; schemaVersion: number }> };
  fileOf: (entry: object) => string;
  generate: (entry: object) => object;
};

const ajv = new Ajv({
  strict: true,
  allErrors: true,
  keywords: ['x-event-type', 'x-schema-version', 'x-topic'],
});
const schemaOf = (type: string, version: number) =>
  JSON.parse(readFileSync(fileOf({ type, schemaVersion: version }), 'utf8')) as object;

describe('event contracts', () => {
  it.each(catalog.events)(
    '$type v$schemaVersion: the committed schema matches the TypeScript type',
    (entry) => {
      expect(JSON.parse(readFileSync(fileOf(entry), 'utf8'))).toEqual(generate(entry));
    },
  );

  it('lists exactly what the producers’ contracts libraries publish (npm run contracts)', () => {
    expect(catalog).toEqual(buildCatalog());
  });

  it('accepts what the intake decider produces and rejects what breaks the contract', () => {
    const validate = ajv.compile(schemaOf('ComplaintReceived', 1));
    const [event] = intakeDecider.decide(
      {
        type: 'RegisterComplaint',
        complaintId: 'c-1',
        reference: 'KS-20261123-000001',
        receivedAt: '2026-11-23T02:00:00.000Z',
        channel: 'gov_12315',
        branchId: 'east-1',
        complainant: { subjectId: 's', sealed: 'pd1.a.b.c' },
        subject: { type: 'billing' },
        description: '多收费',
        language: 'zh',
      },
      intakeDecider.initialState(),
    );
    expect(validate(event!.data)).toBe(true);
    expect(validate({ ...event!.data, channel: 'fax' })).toBe(false);
    expect(validate({ ...event!.data, complainant: { name: '张三' } })).toBe(false);
  });
});
