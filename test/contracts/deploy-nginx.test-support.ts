import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CONSOLE_FIXTURE,
  CONSOLE_ROOT,
  NOT_THE_CONSOLE,
  PAGE_PATHS,
  writeConsoleFixture,
} from './deploy-console.test-support';
import { describeDestination, gatewayOf } from './deploy-gateway.test-support';
import { routingExpectations, samplePath } from './deploy-routes.test-support';

/*
 * The routing file under a real nginx, with stub services that answer with their name and a built
 * console whose files hold their own paths: nginx must do what the model says.
 */

async function freePort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

export async function checkWithRealNginx(nginx: string, conf: string): Promise<void> {
  const model = gatewayOf(conf);
  const files = new Set(CONSOLE_FIXTURE);
  const folder = mkdtempSync(join(tmpdir(), 'kesu-gateway-'));
  const site = writeConsoleFixture();
  // Run as root, nginx's workers run as nobody: they must reach the temp folders.
  chmodSync(folder, 0o755);
  chmodSync(site, 0o755);
  const stubs: Server[] = [];
  let child: ChildProcess | undefined;
  try {
    let text = conf
      .replaceAll('/tmp/', `${folder}/`)
      .replace(`root ${CONSOLE_ROOT};`, `root ${site};`)
      .replace('access_log /dev/stdout edge;', 'access_log off;');
    for (const name of model.upstreams.keys()) {
      const stub = createServer((request, response) => {
        response.setHeader('x-upstream', name);
        response.end(JSON.stringify({ upstream: name, url: request.url }));
      });
      await new Promise<void>((done) => stub.listen(0, '127.0.0.1', done));
      stubs.push(stub);
      text = text.replace(
        `server ${name}:3000;`,
        `server 127.0.0.1:${(stub.address() as AddressInfo).port};`,
      );
    }
    const port = await freePort();
    text = text.replace(`listen ${model.listen};`, `listen 127.0.0.1:${port};`);
    const file = join(folder, 'nginx.conf');
    writeFileSync(file, text);
    const test = spawnSync(nginx, ['-t', '-q', '-e', 'stderr', '-p', folder, '-c', file], {
      encoding: 'utf8',
    });
    expect(test.stderr.replace(/.*\[warn\].*\n?/g, '')).toBe('');
    expect(test.status).toBe(0);
    child = spawn(nginx, ['-e', 'stderr', '-p', folder, '-c', file, '-g', 'daemon off;'], {
      stdio: 'ignore',
    });
    const origin = `http://127.0.0.1:${port}`;
    for (let attempt = 0; ; attempt++) {
      try {
        await fetch(`${origin}/health/live`);
        break;
      } catch (error) {
        if (attempt > 100) throw error;
        await new Promise((done) => setTimeout(done, 50));
      }
    }
    const samples = [
      ...routingExpectations().map(({ route }) => [route.method, samplePath(route.path)] as const),
      ['GET', '/health/ready'],
      ['GET', '/api/v1/nothing'],
      ...[...PAGE_PATHS, ...NOT_THE_CONSOLE].map((path) => ['GET', path] as const),
      ...CONSOLE_FIXTURE.map((name) => ['GET', `/${name}`] as const),
    ] as const;
    const differences: string[] = [];
    for (const [method, path] of samples) {
      const reply = await fetch(`${origin}${path}?q=1`, {
        method,
        body: method === 'GET' ? undefined : '{}',
      });
      const body = await reply.text();
      const actual =
        reply.headers.get('x-upstream') ??
        (reply.status === 200 && files.has(body) ? `file ${body}` : `return ${reply.status}`);
      const modelled = describeDestination(model.route(method, path, files));
      if (actual !== modelled) differences.push(`${method} ${path}: nginx ${actual}, model ${modelled}`);
      if (reply.headers.get('x-upstream')) {
        expect((JSON.parse(body) as { url: string }).url).toBe(`${path}?q=1`);
      }
      for (const [name, value] of Object.entries(model.headers(method, path, files))) {
        if (reply.headers.get(name) !== value) {
          differences.push(`${method} ${path}: ${name} ${reply.headers.get(name)}, model ${value}`);
        }
      }
      if (actual.startsWith('file assets/') && path.endsWith('.js')) {
        expect(reply.headers.get('content-type')).toMatch(/javascript/);
      }
      if (actual === 'file index.html') expect(reply.headers.get('content-type')).toMatch(/^text\/html/);
    }
    expect(differences).toEqual([]);
  } finally {
    child?.kill('SIGTERM');
    for (const stub of stubs) stub.close();
    rmSync(folder, { recursive: true, force: true });
    rmSync(site, { recursive: true, force: true });
  }
}
