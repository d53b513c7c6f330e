import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

const ROOT = join(__dirname, '..', '..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface Reply<T = any> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

/**
 * The built host (or one service) running as a real process on its own port and data directory,
 * driven over HTTP as a client would.
 */
export class HostProcess {
  private child?: ChildProcess;
  private output = '';
  private exit?: Promise<number | null>;
  readonly url: string;

  private constructor(
    readonly dataDir: string,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly entry: string,
    private readonly readyWithinMs: number,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  static async start(
    options: {
      env?: Record<string, string>;
      dataDir?: string;
      service?: string;
      readyWithinMs?: number;
    } = {},
  ) {
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kesu-e2e-'));
    const entry = join(ROOT, 'dist', 'services', options.service ?? 'host', 'src', 'main.js');
    const host = new HostProcess(
      dataDir,
      await freePort(),
      options.env ?? {},
      entry,
      options.readyWithinMs ?? 20_000,
    );
    await host.launch();
    return host;
  }

  /** Starts (again) on the same port and data directory and waits until ready. */
  async launch(): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, [this.entry], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        LOG_LEVEL: 'info',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout!.on('data', (chunk) => (this.output += chunk));
    child.stderr!.on('data', (chunk) => (this.output += chunk));
    this.exit = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + this.readyWithinMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`host exited with ${child.exitCode}:\n${this.output}`);
      const ready = await fetch(`${this.url}/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`host not ready after ${this.readyWithinMs / 1000} s:\n${this.output}`);
  }

  /** Graceful stop; resolves with the exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null)
      return this.child?.exitCode ?? null;
    this.child.kill(signal);
    return this.exit!;
  }

  /** Kills the process without warning, as a crash or power cut would. */
  async crash(): Promise<void> {
    await this.stop('SIGKILL');
  }

  logs(): string {
    return this.output;
  }

  async request<T = any>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers,
      body:
        options.body === undefined
          ? undefined
          : typeof options.body === 'string'
            ? options.body
            : JSON.stringify(options.body),
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      headers: response.headers,
      body: type.includes('json') ? JSON.parse(text) : text,
    };
  }

  async token(username: string): Promise<string> {
    const reply = await this.request('POST', '/api/v1/auth/dev-token', { body: { username } });
    if (reply.status !== 200)
      throw new Error(`dev-token for ${username}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body.accessToken;
  }

  /** Polls until `check` returns a value, or fails after `ms`. */
  async eventually<T>(check: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await check();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Direct access to the SQLite file, as an operator (or an attacker) with disk access would have. */
  sql<T>(work: (db: DatabaseSync) => T): T {
    const db = new DatabaseSync(join(this.dataDir, 'kesu.db'));
    try {
      db.exec('PRAGMA busy_timeout = 5000');
      return work(db);
    } finally {
      db.close();
    }
  }
}
