import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { sleep } from './common';

/** The repository root: this file runs from dist/test/bench/src. */
export const ROOT = join(__dirname, '..', '..', '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The built all-in-one host (or one service, `service`) as a child process on 127.0.0.1. */
export class Host {
  private output = '';
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-4000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
  }

  static async start(dataDir: string, service = 'host'): Promise<Host> {
    const entry = join(ROOT, 'dist', 'services', service, 'src', 'main.js');
    if (!existsSync(entry)) throw new Error(`${entry} is not built`);
    const port = await freePort();
    const child = spawn(process.execPath, [entry], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        // No months of demo history written on first start: its events would flow through the consumers under load.
        DEMO_HISTORY: 'off',
        // The benchmark measures throughput: one user sends far more than a person would.
        RATE_LIMIT_ANONYMOUS: '0',
        RATE_LIMIT_USER: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const host = new Host(child, `http://127.0.0.1:${port}`);
    const limit = Date.now() + 60_000;
    while (Date.now() < limit) {
      if (child.exitCode !== null)
        throw new Error(`${service} exited with ${child.exitCode}: ${host.output}`);
      const ready = await fetch(`${host.url}/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) return host;
      await sleep(100);
    }
    await host.stop();
    throw new Error(`${service} not ready after 60 s: ${host.output}`);
  }

  logs(): string {
    return this.output;
  }

  async token(username: string): Promise<string> {
    const response = await fetch(`${this.url}/api/v1/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username }),
    });
    const body = (await response.json()) as { accessToken?: string };
    if (!response.ok || !body.accessToken)
      throw new Error(`dev-token: ${response.status} ${JSON.stringify(body)}`);
    return body.accessToken;
  }

  /** A dev token once the process holds the user (a service learns the directory from assignment's publication). */
  async tokenOnceKnown(username: string): Promise<string> {
    for (let tries = 1; ; tries++) {
      try {
        return await this.token(username);
      } catch (error) {
        if (tries >= 40) throw error;
        await sleep(250);
      }
    }
  }

  /** SIGTERM, then SIGKILL after 10 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
