import { CHANNELS, EMOTIONS, intakeStream, LANGUAGES, SUBJECT_TYPES } from '@kesu/intake-contracts';
import { intakeDecider } from '@kesu/intake-domain';
import {
  GENESIS_HASH,
  type NewEvent,
  type RecordedEvent,
  sealEvents,
  EventHeaders,
  streamCategory,
  topicForCategory,
} from '@kesu/kernel';
import { deadLetterTopic, DeadLetterHeaders } from '@kesu/ports';
import Ajv from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';

const CONTRACTS = join(__dirname, '../../contracts');
const OPENAPI = join(CONTRACTS, 'openapi.yaml');
const ASYNCAPI = join(CONTRACTS, 'asyncapi.yaml');
const ENVELOPE = join(CONTRACTS, 'events/envelope.schema.json');

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const load = (file: string): Json =>
  file.endsWith('.json') ? JSON.parse(readFileSync(file, 'utf8')) : parse(readFileSync(file, 'utf8'));

const catalog = load(join(CONTRACTS, 'events/catalog.json')) as {
  events: Array<{ type: string; schemaVersion: number; service: string; topic: string }>;
};

/** The value a JSON pointer (`/a/b~1c`) names in a document, or undefined. */
function pointer(document: Json, path: string): Json {
  if (path === '' || path === '/') return document;
  let node = document;
  for (const raw of path.replace(/^\//, '').split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node)) return undefined;
    node = node[key];
  }
  return node;
}

/** Every `$ref` string in a document, with the JSON path where it occurs. */
function refsIn(node: Json, at = '#'): Array<{ ref: string; at: string }> {
  if (node === null || typeof node !== 'object') return [];
  const found: Array<{ ref: string; at: string }> = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') found.push({ ref: value, at });
    else found.push(...refsIn(value, `${at}/${key}`));
  }
  return found;
}

/**
 * Follows every `$ref` of a document and of the files it refers to (relative to the referring
 * file); answers the refs that do not resolve and how many refs were checked.
 */
function unresolvedRefs(entry: string, documents = new Map<string, Json>()) {
  const broken: string[] = [];
  let checked = 0;
  const pending = [entry];
  const seen = new Set<string>();
  const documentAt = (file: string): Json => {
    if (!documents.has(file)) documents.set(file, existsSync(file) ? load(file) : undefined);
    return documents.get(file);
  };
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const { ref, at } of refsIn(documentAt(file))) {
      checked++;
      const [target = '', fragment = ''] = ref.split('#');
      const targetFile = target === '' ? file : resolve(dirname(file), target);
      const document = documentAt(targetFile);
      if (document === undefined || pointer(document, fragment) === undefined) {
        broken.push(`${file}${at}: ${ref}`);
        continue;
      }
      if (targetFile !== file) pending.push(targetFile);
    }
  }
  return { broken, checked, files: [...seen] };
}

/** Follows internal refs until a schema without one. */
function deref(document: Json, schema: Json): Json {
  let node = schema;
  for (let hops = 0; node && typeof node.$ref === 'string' && node.$ref.startsWith('#'); hops++) {
    if (hops > 20) throw new Error(`ref cycle at ${node.$ref}`);
    node = pointer(document, node.$ref.slice(1));
  }
  return node;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const newAjv = () =>
  new Ajv({
    strict: true,
    allErrors: true,
    keywords: ['x-event-type', 'x-schema-version', 'x-topic'],
  }).addFormat('date-time', (value: string) => ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)));

/** A ComplaintReceived event as the event store records and the relay publishes it. */
function recordedComplaintReceived(): RecordedEvent {
  const complaintId = '0193f0a2-7c1e-7d2a-9b4c-3e5f6a7b8c9d';
  const [event] = intakeDecider.decide(
    {
      type: 'RegisterComplaint',
      complaintId,
      reference: 'KS-20261123-000001',
      receivedAt: '2026-11-23T02:00:00.000Z',
      channel: 'hotline',
      branchId: 'east-1',
      complainant: { subjectId: 'customer-C-1', sealed: 'pd1.a.b.c' },
      subject: { type: 'staff', name: '人民路营业厅' },
      description: '营业员态度恶劣，排队两个小时。',
      language: 'zh',
    },
    intakeDecider.initialState(),
  );
  const fresh: NewEvent = {
    eventId: '0193f0a2-7c20-7a11-8f00-0123456789ab',
    occurredAt: '2026-11-23T02:00:00.000Z',
    tenantId: 'demo',
    branchId: 'east-1',
    correlationId: complaintId,
    causationId: 'request-1',
    actor: { kind: 'user', id: 'user-agent1', roles: ['agent'] },
    type: event!.type,
    schemaVersion: 1,
    data: event!.data,
  };
  const [sealed] = sealEvents(
    intakeStream(complaintId),
    -1,
    GENESIS_HASH,
    [fresh],
    '2026-11-23T02:00:00.004Z',
  );
  return { ...sealed!, globalPosition: 1 };
}

describe('API documents', () => {
  const openapi = load(OPENAPI);
  const asyncapi = load(ASYNCAPI);

  describe('references', () => {
    it.each([
      ['openapi.yaml', OPENAPI],
      ['asyncapi.yaml', ASYNCAPI],
    ])('every $ref of %s resolves, in the document and in the files it refers to', (_name, file) => {
      const { broken, checked } = unresolvedRefs(file);
      expect(broken).toEqual([]);
      expect(checked).toBeGreaterThan(10);
    });

    it('asyncapi refers to the envelope and the ComplaintReceived schema files', () => {
      const { files } = unresolvedRefs(ASYNCAPI);
      expect(files).toEqual(
        expect.arrayContaining([ENVELOPE, join(CONTRACTS, 'events/ComplaintReceived.v1.schema.json')]),
      );
    });

    it('the ref check reports refs that do not resolve', () => {
      const documents = new Map<string, Json>([
        [
          '/virtual/doc.yaml',
          {
            a: { $ref: '#/b' },
            b: 1,
            c: { $ref: '#/missing' },
            d: { $ref: './other.json#/x~1y' },
            e: { $ref: './absent.json' },
          },
        ],
        ['/virtual/other.json', { 'x/y': { $ref: '#/nowhere' } }],
        ['/virtual/absent.json', undefined],
      ]);
      expect(unresolvedRefs('/virtual/doc.yaml', documents).broken).toEqual([
        '/virtual/doc.yaml#/c: #/missing',
        '/virtual/doc.yaml#/e: ./absent.json',
        '/virtual/other.json#/x/y: #/nowhere',
      ]);
    });
  });

  describe('openapi.yaml', () => {
    const schemas = () => openapi.components.schemas;
    const property = (schema: string, ...path: string[]) =>
      path.reduce((node, key) => deref(openapi, deref(openapi, node).properties[key]), schemas()[schema]);

    it('is OpenAPI 3.1 with the agreed title and version', () => {
      expect(openapi.openapi).toMatch(/^3\.1\.\d+$/);
      expect(openapi.info).toMatchObject({ title: 'Kesu complaint-handling API', version: '0.1.0' });
    });

    it('mirrors the domain vocabularies in the RegisterComplaint schema', () => {
      expect(property('RegisterComplaint', 'channel').enum).toEqual([...CHANNELS]);
      expect(property('RegisterComplaint', 'subject', 'type').enum).toEqual([...SUBJECT_TYPES]);
      expect(property('RegisterComplaint', 'emotion').enum).toEqual([...EMOTIONS]);
      expect(property('RegisterComplaint', 'language').enum).toEqual([...LANGUAGES]);
    });

    it('forbids unknown fields in the request body, as the validation pipe does', () => {
      expect(schemas().RegisterComplaint.additionalProperties).toBe(false);
      expect(deref(openapi, schemas().RegisterComplaint.properties.complainant).additionalProperties).toBe(
        false,
      );
      expect(deref(openapi, schemas().RegisterComplaint.properties.subject).additionalProperties).toBe(false);
    });

    it('needs a bearer token everywhere except health, metrics, the dev-token route and survey links', () => {
      expect(openapi.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(openapi.security).toEqual([{ bearerAuth: [] }]);
      const open = Object.entries(openapi.paths as Record<string, Record<string, Json>>)
        .flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })))
        .filter(({ op }) => Array.isArray(op.security) && op.security.length === 0)
        .map(({ path, method }) => `${method.toUpperCase()} ${path}`)
        .sort();
      expect(open).toEqual([
        'GET /api/v1/surveys/{token}',
        'GET /health/live',
        'GET /health/ready',
        'GET /metrics',
        'POST /api/v1/auth/dev-token',
        'POST /api/v1/surveys/{token}',
      ]);
    });

    it('answers errors as problem JSON with an errors array', () => {
      expect(schemas().Problem.properties.errors.items).toEqual({ $ref: '#/components/schemas/FieldError' });
      const registered = openapi.paths['/api/v1/complaints'].post.responses;
      expect(Object.keys(registered)).toEqual(
        expect.arrayContaining(['201', '400', '401', '403', '409', '413', '415', '422', '500']),
      );
      expect(Object.keys(registered['400'].content)).toEqual(['application/problem+json']);
    });

    it('documents what the edge may answer on every route: 400 and 429, and 413 and 415 with a body', () => {
      const probes = ['/health/live', '/health/ready', '/metrics'];
      const missing = Object.entries(openapi.paths as Record<string, Record<string, Json>>)
        .filter(([path]) => !probes.includes(path))
        .flatMap(([path, item]) =>
          Object.entries(item).flatMap(([method, op]) => {
            const expected = ['400', '429', ...(['post', 'put'].includes(method) ? ['413', '415'] : [])];
            return expected
              .filter((status) => op.responses?.[status] === undefined)
              .map((status) => `${method.toUpperCase()} ${path} ${status}`);
          }),
        );
      expect(missing).toEqual([]);
      expect(
        deref(openapi, { $ref: '#/components/responses/TooManyRequests' }).headers['Retry-After'],
      ).toEqual({
        $ref: '#/components/headers/Retry-After',
      });
    });
  });

  describe('asyncapi.yaml', () => {
    const channels = () => Object.values(asyncapi.channels as Record<string, Json>);
    const eventChannels = () => channels().filter((channel) => !channel.address.endsWith('.dlq'));

    it('is AsyncAPI 3.0', () => {
      expect(asyncapi.asyncapi).toMatch(/^3\.0\.\d+$/);
    });

    it('has one channel per stream category of the catalog, named by topicForCategory', () => {
      const categories = [...new Set(catalog.events.map((entry) => entry.service))];
      expect(categories.length).toBeGreaterThan(0);
      expect(
        eventChannels()
          .map((channel) => channel.address)
          .sort(),
      ).toEqual(categories.map((category) => topicForCategory(category)).sort());
      for (const entry of catalog.events) expect(entry.topic).toBe(topicForCategory(entry.service));
      expect(streamCategory(intakeStream('x'))).toBe('intake');
    });

    it('has the dead-letter channel of every event channel, with the dead-letter headers', () => {
      const deadLetter = channels().filter((channel) => channel.address.endsWith('.dlq'));
      expect(deadLetter.map((channel) => channel.address).sort()).toEqual(
        eventChannels()
          .map((channel) => deadLetterTopic(channel.address))
          .sort(),
      );
      expect(asyncapi.components.schemas.DeadLetterHeaders.required.sort()).toEqual(
        Object.values(DeadLetterHeaders).sort(),
      );
    });

    it('lists every catalog event as a message of its topic, with the relay headers', () => {
      for (const entry of catalog.events) {
        const channel = eventChannels().find((c) => c.address === entry.topic);
        expect(Object.keys(channel?.messages ?? {})).toContain(entry.type);
      }
      expect(asyncapi.components.schemas.EventHeaders.required.sort()).toEqual(
        Object.values(EventHeaders).sort(),
      );
    });
  });

  describe('event envelope schema', () => {
    it('accepts a recorded event and rejects broken ones', () => {
      const validate = newAjv().compile(load(ENVELOPE));
      const event = recordedComplaintReceived();
      expect(validate(event)).toBe(true);
      const { hash: _hash, ...unhashed } = event;
      const { globalPosition: _position, ...unpositioned } = event;
      expect(validate(unhashed)).toBe(false);
      expect(validate(unpositioned)).toBe(false);
      expect(validate({ ...event, hash: 'not-a-hash' })).toBe(false);
      expect(validate({ ...event, revision: -1 })).toBe(false);
      expect(validate({ ...event, recordedAt: 'yesterday' })).toBe(false);
      expect(validate({ ...event, actor: { kind: 'robot', id: 'x' } })).toBe(false);
      expect(validate({ ...event, partition: 0 })).toBe(false);
    });

    it('with the ComplaintReceived data schema, is the payload of the asyncapi message', () => {
      const ajv = newAjv();
      ajv.addSchema(load(ENVELOPE));
      ajv.addSchema(load(join(CONTRACTS, 'events/ComplaintReceived.v1.schema.json')));
      // The documents' relative refs resolve against the schemas' $ids (https://kesu.dev/contracts/events/…).
      const validate = ajv.compile({
        $id: 'https://kesu.dev/contracts/asyncapi.yaml',
        ...asyncapi.components.schemas.ComplaintReceivedEvent,
      });
      const event = recordedComplaintReceived();
      expect(validate(event)).toBe(true);
      expect(validate({ ...event, data: { ...(event.data as object), channel: 'fax' } })).toBe(false);
      expect(validate({ ...event, type: 'ComplaintClosed' })).toBe(false);
      expect(validate({ ...event, schemaVersion: 2 })).toBe(false);
    });
  });
});
