import { ConfigError } from '@kesu/platform';

/** The demo history's settings, from environment variables (see `docs/demo.md`). */
export interface DemoHistoryConfig {
  /** Whether the demo tenant gets its history on first start (DEMO_HISTORY=on|off, default on). */
  readonly enabled: boolean;
  /** The generator's seed (DEMO_HISTORY_SEED): the same seed writes the same history. */
  readonly seed: number;
  /** How many months back the history starts (DEMO_HISTORY_MONTHS, 1–24, default 6). */
  readonly months: number;
  /** About how many complaints it registers (DEMO_HISTORY_COMPLAINTS, 10–20,000, default 250). */
  readonly complaints: number;
}

/** The provider of the demo history's settings (`loadDemoHistoryConfig(process.env)`). */
export const DEMO_HISTORY_CONFIG = Symbol('DEMO_HISTORY_CONFIG');

type Env = Readonly<Record<string, string | undefined>>;

function integer(env: Env, name: string, fallback: number, [min, max]: [number, number], problems: string[]) {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
    return fallback;
  }
  return value;
}

/** Reads the demo history's settings; bad values throw one ConfigError naming each. */
export function loadDemoHistoryConfig(env: Env): DemoHistoryConfig {
  const problems: string[] = [];
  const switch_ = (env.DEMO_HISTORY?.trim() || 'on').toLowerCase();
  if (!['on', 'off'].includes(switch_)) problems.push(`DEMO_HISTORY must be on or off, got "${switch_}"`);
  const config = {
    enabled: switch_ !== 'off',
    seed: integer(env, 'DEMO_HISTORY_SEED', 18, [0, 2 ** 31], problems),
    months: integer(env, 'DEMO_HISTORY_MONTHS', 6, [1, 24], problems),
    complaints: integer(env, 'DEMO_HISTORY_COMPLAINTS', 250, [10, 20_000], problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
