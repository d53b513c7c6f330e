/*
 * Readers of environment variables for `loadConfig`: each one reports a bad value to the list of
 * problems (naming the variable) and answers its fallback, so that every problem is reported at once.
 */

type Env = Readonly<Record<string, string | undefined>>;

const DURATION_UNITS: Readonly<Record<string, number>> = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 };

/** The variables of one environment, read with checks; `problems` collects what is wrong. */
export class EnvironmentReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  /** The trimmed value, or undefined when unset or blank. */
  text(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.text(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  }

  /** An integer port, or undefined when unset. */
  optionalPort(name: string): number | undefined {
    return this.text(name) === undefined ? undefined : this.integer(name, 0, 0, 65_535);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.text(name);
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
      return fallback;
    }
    return raw as T;
  }

  /** Seconds, written `3600`, `30m`, `8h` or `1d`; positive unless `zero` says what 0 means. */
  duration(name: string, fallback: number, zero?: string): number {
    const raw = this.text(name);
    if (raw === undefined) return fallback;
    const match = /^(\d+)\s*(s|m|h|d)?$/.exec(raw);
    const seconds = match ? Number(match[1]) * DURATION_UNITS[match[2] ?? '']! : -1;
    if (!match || !Number.isSafeInteger(seconds) || seconds < 0 || (seconds === 0 && zero === undefined)) {
      const least = zero === undefined ? 'a positive duration' : `a duration (0: ${zero})`;
      this.problems.push(`${name} must be ${least} like 3600, 30m, 8h or 1d, got "${raw}"`);
      return fallback;
    }
    return seconds;
  }
}

/** An http(s) URL, or a problem naming the variable. */
export function checkUrl(name: string, raw: string, problems: string[]): void {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    problems.push(`${name} must be an absolute URL, got "${raw}"`);
    return;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    problems.push(`${name} must be an http(s) URL, got "${raw}"`);
  }
}

/**
 * Starts with one of the schemes and names at least one host (connection strings may list several
 * hosts, which URL parsing rejects, so the client checks the rest when it connects). The problem
 * never repeats the value, which may hold a password.
 */
export function checkConnectionString(
  name: string,
  raw: string,
  schemes: readonly string[],
  problems: string[],
): void {
  const scheme = /^([a-z+]+:)\/\/[^/?#\s]+/.exec(raw)?.[1];
  if (!scheme || !schemes.includes(scheme)) {
    problems.push(
      `${name} must be a connection string starting with ${schemes.map((s) => `${s}//`).join(' or ')}`,
    );
  }
}
