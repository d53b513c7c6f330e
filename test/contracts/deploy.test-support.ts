import { accessSync, constants, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/*
 * What the deployment specs (deploy-*.spec.ts) share: where the deployment files are, how they are
 * read, the services deployed, and what a test could not check on this machine.
 */

export const ROOT = join(__dirname, '..', '..');
export const DEPLOY = join(ROOT, 'deploy');
export const COMPOSE_FILE = join(DEPLOY, 'compose', 'compose.yaml');
export const NGINX_CONF = join(DEPLOY, 'gateway', 'nginx.conf');
export const TOPICS_SCRIPT = join(DEPLOY, 'kafka', 'create-topics.sh');
export const K8S_BASE = join(DEPLOY, 'k8s', 'base');
export const OVERLAY = 'deploy/k8s/overlays/example';

export type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export const read = (file: string): string => readFileSync(file, 'utf8');
/** YAML as Compose reads it: merge keys (`<<: *anchor`) resolved. */
export const loadYaml = (file: string): Json => parse(read(file), { merge: true });
/** Every document of the YAML files in a folder (kustomization.yaml aside). */
export const k8sDocuments = (folder: string): Json[] =>
  readdirSync(folder)
    .filter((name) => name.endsWith('.yaml') && name !== 'kustomization.yaml')
    .flatMap((name) => parseAllDocuments(read(join(folder, name))).map((document) => document.toJS()))
    .filter((document) => document !== null);

/**
 * The deployable services: every app in services/ except the all-in-one host and the web console
 * (static files, not a process).
 */
export const SERVICES = readdirSync(join(ROOT, 'services'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'host' && entry.name !== 'console')
  .map((entry) => entry.name)
  .sort();
/** Services that consume topics (all but intake, which takes complaints in over HTTP). */
export const CONSUMERS = SERVICES.filter((name) => name !== 'intake');
export const SAMPLE_ID = '0193f0a2-7c1e-7d2a-9b4c-3e5f6a7b8c9d';
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** An executable on PATH, or undefined. */
export function onPath(command: string): string | undefined {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(folder, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * A test that needs a tool this machine may lack: run when `tool` was found, otherwise counted as
 * skipped (never as passed) with the reason printed in the test output.
 */
export function itWith<T>(
  tool: T | undefined,
  why: string,
  name: string,
  test: (tool: T) => void | Promise<void>,
): void {
  if (tool !== undefined) {
    it(name, async () => {
      await test(tool);
    });
    return;
  }
  process.stderr.write(`skipped: ${name}: ${why}\n`);
  it.skip(name, () => undefined);
}

// ---------------------------------------------------------------------------------------------
// Kubernetes documents

export const byKind = (documents: Json[], kind: string): Json[] => documents.filter((d) => d.kind === kind);
export const named = (documents: Json[], kind: string, name: string): Json =>
  documents.find((d) => d.kind === kind && d.metadata?.name === name);
/** The port number a probe or Service target names, in a container. */
export const containerPort = (container: Json, port: string | number): number | undefined =>
  typeof port === 'number' ? port : container.ports?.find((p: Json) => p.name === port)?.containerPort;
/** Kubernetes Ingress path matching: Exact, or Prefix by whole path elements. */
export const ingressMatches = (rule: Json, path: string): boolean =>
  rule.pathType === 'Exact'
    ? rule.path === path
    : rule.path === '/' || path === rule.path || path.startsWith(rule.path.replace(/\/$/, '') + '/');
/** The literals of a configMapGenerator of a kustomization. */
export function generatedLiterals(kustomization: string, name: string): Record<string, string> {
  const generator = (loadYaml(kustomization).configMapGenerator ?? []).find((g: Json) => g.name === name);
  return Object.fromEntries(
    ((generator?.literals ?? []) as string[]).map((literal) => {
      const at = literal.indexOf('=');
      return [literal.slice(0, at), literal.slice(at + 1)];
    }),
  );
}
