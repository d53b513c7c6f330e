// Generates the JSON Schema of each event type's data from its TypeScript type (catalog.json).
// `node contracts/events/generate.cjs --write` rewrites the files; without it, prints what differs.
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { createGenerator } = require('ts-json-schema-generator');

const root = join(__dirname, '..', '..');
const catalog = JSON.parse(readFileSync(join(__dirname, 'catalog.json'), 'utf8'));

const fileOf = (entry) => join(__dirname, `${entry.type}.v${entry.schemaVersion}.schema.json`);

function generate(entry) {
  const generator = createGenerator({
    path: join(root, entry.source),
    tsconfig: join(root, 'tsconfig.json'),
    type: entry.dataType,
    skipTypeCheck: true,
    additionalProperties: false,
  });
  const { $schema, ...schema } = generator.createSchema(entry.dataType);
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

const render = (schema) => `${JSON.stringify(schema, null, 2)}\n`;

module.exports = { catalog, fileOf, generate };

if (require.main === module) {
  let drift = 0;
  for (const entry of catalog.events) {
    const text = render(generate(entry));
    if (process.argv.includes('--write')) writeFileSync(fileOf(entry), text);
    else if (
      JSON.stringify(JSON.parse(readFileSync(fileOf(entry), 'utf8'))) !== JSON.stringify(JSON.parse(text))
    ) {
      drift++;
      console.error(`${fileOf(entry)} is out of date`);
    }
  }
  process.exit(drift ? 1 : 0);
}
