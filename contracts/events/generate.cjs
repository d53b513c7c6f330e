// Generates the event catalog (catalog.json) from the producers' contracts libraries
// (`libs/<service>/contracts`), and the JSON Schema of each event type's data from its TypeScript type.
// `node contracts/events/generate.cjs --write` rewrites the files; without it, prints what differs.
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { createGenerator } = require('ts-json-schema-generator');

const root = join(__dirname, '..', '..');
require(join(root, 'libs/testing/src/child-process-register.cjs'));

/** Every producing service's contracts library and the descriptor it exports. */
const PRODUCERS = [
  { lib: 'libs/intake/contracts', descriptor: 'intakeContracts' },
  { lib: 'libs/classification/contracts', descriptor: 'classificationContracts' },
  { lib: 'libs/follow-up/contracts', descriptor: 'followUpContracts' },
  { lib: 'libs/assignment/contracts', descriptor: 'assignmentContracts' },
  { lib: 'libs/sla/contracts', descriptor: 'slaContracts' },
  { lib: 'libs/analytics/contracts', descriptor: 'analyticsContracts' },
];

const DESCRIPTION =
  'Every event type and schema version the services write, generated from the producers’ contracts ' +
  'libraries (libs/<service>/contracts). Each entry’s JSON Schema is generated from the TypeScript type ' +
  'of its data; `npm run contracts` regenerates them, and a test fails when they drift.';

/** The catalog as the contracts libraries declare it today. */
function buildCatalog() {
  const events = PRODUCERS.flatMap(({ lib, descriptor }) => {
    const published = require(join(root, lib, 'src/index.ts'))[descriptor];
    return published.events.map(({ type, schemaVersion, dataType }) => ({
      type,
      schemaVersion,
      service: published.category,
      topic: published.topic,
      source: `${lib}/src/index.ts`,
      dataType,
    }));
  });
  return { description: DESCRIPTION, events };
}

const catalogFile = join(__dirname, 'catalog.json');
const catalog = JSON.parse(readFileSync(catalogFile, 'utf8'));

const fileOf = (entry) => join(__dirname, `${entry.type}.v${entry.schemaVersion}.schema.json`);

const generators = new Map();
function generatorFor(source) {
  if (!generators.has(source)) {
    generators.set(
      source,
      createGenerator({
        path: join(root, source),
        tsconfig: join(root, 'tsconfig.json'),
        skipTypeCheck: true,
        additionalProperties: false,
      }),
    );
  }
  return generators.get(source);
}

function generate(entry) {
  const { $schema, ...schema } = generatorFor(entry.source).createSchema(entry.dataType);
  return {
    $schema,
    $id: `https://kesu.dev/contracts/events/${entry.type}.v${entry.schemaVersion}.schema.json`,
    title: `${entry.type} v${entry.schemaVersion} (data)`,
    'x-event-type': entry.type,
    'x-schema-version': entry.schemaVersion,
    'x-topic': entry.topic,
    ...schema,
  };
}

const render = (value) => `${JSON.stringify(value, null, 2)}\n`;

module.exports = { buildCatalog, catalog, fileOf, generate };

if (require.main === module) {
  const write = process.argv.includes('--write');
  let drift = 0;
  const built = buildCatalog();
  if (write) writeFileSync(catalogFile, render(built));
  else if (JSON.stringify(built) !== JSON.stringify(catalog)) {
    drift++;
    console.error(`${catalogFile} is out of date`);
  }
  for (const entry of built.events) {
    const text = render(generate(entry));
    if (write) writeFileSync(fileOf(entry), text);
    else if (
      JSON.stringify(JSON.parse(readFileSync(fileOf(entry), 'utf8'))) !== JSON.stringify(JSON.parse(text))
    ) {
      drift++;
      console.error(`${fileOf(entry)} is out of date`);
    }
  }
  process.exit(drift ? 1 : 0);
}
