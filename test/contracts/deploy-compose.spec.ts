import Ajv from 'ajv';
import draft07 from 'ajv/dist/refs/json-schema-draft-07.json';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { COMPOSE_FILE, DEPLOY, type Json, loadYaml, itWith, onPath, read } from './deploy.test-support';

/*
 * The compose file (deploy/compose/compose.yaml) is valid Compose and refers only to what exists.
 */

describe('deployment', () => {
  const compose = loadYaml(COMPOSE_FILE);

  describe('compose', () => {
    const schemaFile = join(DEPLOY, 'compose', 'compose-spec.schema.json');
    const schema = JSON.parse(read(schemaFile));
    // The Compose Specification schema is draft-07 (Ajv's default class), referred to by its https
    // address, which Ajv knows as http://json-schema.org/draft-07/schema.
    const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
    ajv.addMetaSchema({ ...draft07, $id: schema.$schema });
    const validate = ajv.compile(schema);

    it('is valid against the Compose Specification', () => {
      expect(schema.$schema).toMatch(/draft-07/);
      expect(validate(compose)).toBe(true);
      expect(validate.errors ?? []).toEqual([]);
    });

    it('the schema check rejects what Compose would reject', () => {
      const broken = structuredClone(compose);
      broken.services.intake.depends_on.kurrentdb.condition = 'service_ready';
      broken.services.analytics.restart_policy = 'always';
      expect(validate(broken)).toBe(false);
      expect(validate.errors?.map((e) => e.instancePath)).toEqual(
        expect.arrayContaining(['/services/analytics', '/services/intake/depends_on/kurrentdb/condition']),
      );
    });

    it('refers only to services, volumes, files and variables that exist', () => {
      const problems: string[] = [];
      const here = dirname(COMPOSE_FILE);
      const documented = read(join(here, '.env.example'));
      for (const [name, service] of Object.entries(compose.services as Record<string, Json>)) {
        for (const dependency of Object.keys(service.depends_on ?? {})) {
          if (!compose.services[dependency]) problems.push(`${name} depends on unknown ${dependency}`);
        }
        for (const volume of (service.volumes ?? []) as string[]) {
          const [source] = volume.split(':');
          if (source!.startsWith('.')) {
            if (!existsSync(resolve(here, source!))) problems.push(`${name}: ${source} does not exist`);
          } else if (!(source! in (compose.volumes ?? {})))
            problems.push(`${name}: volume ${source} not declared`);
        }
        if (service.build) {
          const dockerfile = resolve(here, service.build.context, service.build.dockerfile);
          if (!existsSync(dockerfile)) problems.push(`${name}: ${dockerfile} does not exist`);
        }
      }
      for (const [, variable, fallback] of read(COMPOSE_FILE).matchAll(/\$\{(\w+)(:-[^}]*)?\}/g)) {
        if (fallback === undefined && !new RegExp(`^#? ?${variable}=`, 'm').test(documented)) {
          problems.push(`\${${variable}} has no default and is not in .env.example`);
        }
      }
      expect(problems).toEqual([]);
    });

    const docker = onPath('docker');
    const composeCli =
      docker && spawnSync(docker, ['compose', 'version'], { encoding: 'utf8' }).status === 0
        ? [docker, 'compose']
        : onPath('docker-compose')
          ? [onPath('docker-compose')!]
          : undefined;
    itWith(
      composeCli,
      docker
        ? `${docker} has no compose plugin and docker-compose is not on PATH`
        : 'neither docker (with compose) nor docker-compose is on PATH',
      'passes `docker compose config` when Compose is installed',
      (cli) => {
        const run = spawnSync(cli[0]!, [...cli.slice(1), '-f', COMPOSE_FILE, 'config', '-q'], {
          encoding: 'utf8',
        });
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
      },
    );
  });
});
