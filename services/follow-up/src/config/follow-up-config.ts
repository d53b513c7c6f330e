import { randomBytes, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_DELIVERY_POLICY, type DeliveryPolicy } from '@kesu/follow-up-domain';

/** Follow-up's configuration, from environment variables (see `docs/follow-up.md`). */
export interface FollowUpConfig {
  /** SMTP server for e-mail (FOLLOW_UP_SMTP_URL, `smtp://user:pass@host:port`); unset: e-mail goes to the log notifier. */
  readonly smtpUrl?: string;
  /** The sender of e-mails (FOLLOW_UP_MAIL_FROM). */
  readonly mailFrom: string;
  /** The SMS gateway's webhook (FOLLOW_UP_SMS_WEBHOOK_URL); unset: SMS goes to the log notifier. */
  readonly smsWebhookUrl?: string;
  /** Bearer token the SMS gateway expects (FOLLOW_UP_SMS_WEBHOOK_TOKEN). */
  readonly smsWebhookToken?: string;
  /** The file the log notifier appends what it would send to (FOLLOW_UP_OUTBOX_FILE, default DATA_DIR/outbox.log). */
  readonly outboxFile: string;
  /** The HMAC key of survey links (FOLLOW_UP_SURVEY_KEY, at least 32 characters). */
  readonly surveyKey: string;
  /** The public address survey links start with (FOLLOW_UP_SURVEY_BASE_URL). */
  readonly surveyBaseUrl: string;
  /** How often due deliveries and timers are looked for (FOLLOW_UP_TICK_MS). */
  readonly tickMs: number;
  readonly delivery: DeliveryPolicy;
}

export const FOLLOW_UP_CONFIG = Symbol('FOLLOW_UP_CONFIG');

type Env = Readonly<Record<string, string | undefined>>;

const integer = (env: Env, name: string, fallback: number, min: number, problems: string[]): number => {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min) {
    problems.push(`${name} must be an integer of at least ${min}, got "${raw}"`);
    return fallback;
  }
  return value;
};

const url = (env: Env, name: string, schemes: readonly string[], problems: string[]): string | undefined => {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  try {
    const parsed = new URL(raw);
    if (schemes.includes(parsed.protocol)) return raw;
  } catch {
    // reported below
  }
  problems.push(`${name} must be a ${schemes.join(' or ')} URL`);
  return undefined;
};

/**
 * Reads follow-up's configuration. Without FOLLOW_UP_SURVEY_KEY the demo profile keeps a random key
 * in DATA_DIR (shared by the processes on it); production refuses to start.
 */
export async function loadFollowUpConfig(
  env: Env,
  platform: { dataDir: string; profile: string; port: number },
): Promise<FollowUpConfig> {
  const problems: string[] = [];
  const smtpUrl = url(env, 'FOLLOW_UP_SMTP_URL', ['smtp:', 'smtps:'], problems);
  const smsWebhookUrl = url(env, 'FOLLOW_UP_SMS_WEBHOOK_URL', ['http:', 'https:'], problems);
  let surveyKey = env.FOLLOW_UP_SURVEY_KEY?.trim() || undefined;
  if (surveyKey !== undefined && surveyKey.length < 32)
    problems.push('FOLLOW_UP_SURVEY_KEY must have at least 32 characters');
  if (!surveyKey && platform.profile === 'production')
    problems.push('FOLLOW_UP_SURVEY_KEY is required in production');
  const config: FollowUpConfig = {
    ...(smtpUrl && { smtpUrl }),
    mailFrom: env.FOLLOW_UP_MAIL_FROM?.trim() || 'Kesu <no-reply@kesu.local>',
    ...(smsWebhookUrl && { smsWebhookUrl }),
    ...(env.FOLLOW_UP_SMS_WEBHOOK_TOKEN?.trim() && {
      smsWebhookToken: env.FOLLOW_UP_SMS_WEBHOOK_TOKEN.trim(),
    }),
    outboxFile:
      env.FOLLOW_UP_OUTBOX_FILE?.trim() ||
      (platform.dataDir === ':memory:' ? '' : join(platform.dataDir, 'outbox.log')),
    surveyKey: '',
    surveyBaseUrl:
      env.FOLLOW_UP_SURVEY_BASE_URL?.trim() || `http://localhost:${platform.port}/api/v1/surveys`,
    tickMs: integer(env, 'FOLLOW_UP_TICK_MS', 1_000, 10, problems),
    delivery: {
      maxAttempts: integer(
        env,
        'FOLLOW_UP_DELIVERY_ATTEMPTS',
        DEFAULT_DELIVERY_POLICY.maxAttempts,
        1,
        problems,
      ),
      baseMs: integer(env, 'FOLLOW_UP_RETRY_BASE_MS', DEFAULT_DELIVERY_POLICY.baseMs, 1, problems),
      maxBackoffMs: DEFAULT_DELIVERY_POLICY.maxBackoffMs,
      claimMs: integer(env, 'FOLLOW_UP_CLAIM_MS', DEFAULT_DELIVERY_POLICY.claimMs, 100, problems),
    },
  };
  if (problems.length > 0) throw new Error(`follow-up configuration:\n${problems.join('\n')}`);
  surveyKey ||= await demoSurveyKey(platform.dataDir);
  return { ...config, surveyKey };
}

const SURVEY_KEY_FILE = 'follow-up-survey.key';

/** The demo's survey key in DATA_DIR, created once (atomically: the first process's wins). */
async function demoSurveyKey(dataDir: string): Promise<string> {
  const fresh = randomBytes(32).toString('base64url');
  if (dataDir === ':memory:') return fresh;
  const file = join(dataDir, SURVEY_KEY_FILE);
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing) return existing.trim();
  await mkdir(dataDir, { recursive: true });
  const temp = `${file}.${randomUUID()}.tmp`;
  await writeFile(temp, fresh, { mode: 0o600, flush: true });
  try {
    await link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  return (await readFile(file, 'utf8')).trim();
}
