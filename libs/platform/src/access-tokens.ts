import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Clock } from '@kesu/ports';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import type { PlatformConfig } from './config';
import type { DirectoryUser } from './demo-directory';
import { type Principal, principalFromClaims } from './principal';
import { DEMO_KEY_ALG, type DemoSigningKey, loadOrCreateDemoSigningKey } from './signing-key';
import { CLOCK, CONFIG } from './tokens';

/** Issuer and audience of demo-profile tokens. */
export const DEMO_ISSUER = 'kesu-demo';
export const DEMO_AUDIENCE = 'kesu';

/** The answer of the dev-token route. */
export interface IssuedToken {
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  /** Seconds until the token expires. */
  readonly expiresIn: number;
}

/** Why a token was refused. */
export class InvalidTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

/**
 * Verifies access tokens and, in the demo profile, issues them. Demo tokens are ES256 JWTs signed
 * with the DATA_DIR key; production tokens are verified against JWT_JWKS_URL with JWT_ISSUER and
 * JWT_AUDIENCE. Token times are checked against the Clock port; a token must expire (`exp`), within
 * TOKEN_MAX_LIFETIME.
 */
@Injectable()
export class AccessTokens implements OnModuleInit {
  private demoKey?: DemoSigningKey;
  private remoteKeys?: JWTVerifyGetKey;
  /** Tokens whose signature was verified, until they expire: clients send the same token many times. */
  private readonly verified = new Map<string, { principal: Principal; expiresAt: number }>();

  constructor(
    @Inject(CONFIG) private readonly config: PlatformConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.profile === 'demo') this.demoKey = await loadOrCreateDemoSigningKey(this.config.dataDir);
    else this.remoteKeys = createRemoteJWKSet(new URL(this.config.jwtJwksUrl!));
  }

  /** Signs a demo token for a directory user; only in the demo profile. */
  async issueDemoToken(user: DirectoryUser): Promise<IssuedToken> {
    const key = this.demoKey;
    if (!key) throw new Error('dev tokens are issued only in the demo profile');
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    const expiresIn = this.config.demoTokenTtlSeconds;
    const accessToken = await new SignJWT({
      tid: user.tenantId,
      roles: [...user.roles],
      branches: [...user.branchScope],
      name: user.displayName.zh,
      preferred_username: user.username,
    })
      .setProtectedHeader({ alg: DEMO_KEY_ALG, kid: key.kid, typ: 'JWT' })
      .setIssuer(DEMO_ISSUER)
      .setAudience(DEMO_AUDIENCE)
      .setSubject(user.id)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + expiresIn)
      .sign(key.privateKey);
    return { accessToken, tokenType: 'Bearer', expiresIn };
  }

  /** The principal a token names; rejects with InvalidTokenError when it cannot be trusted. */
  async verify(token: string): Promise<Principal> {
    const currentDate = this.clock.now();
    const known = this.verified.get(token);
    if (known && known.expiresAt > currentDate.getTime()) return known.principal;
    let payload: Record<string, unknown>;
    try {
      if (this.demoKey) {
        ({ payload } = await jwtVerify(token, this.demoKey.publicKey, {
          currentDate,
          algorithms: [DEMO_KEY_ALG],
          issuer: DEMO_ISSUER,
          audience: DEMO_AUDIENCE,
        }));
      } else if (this.remoteKeys) {
        ({ payload } = await jwtVerify(token, this.remoteKeys, {
          currentDate,
          issuer: this.config.jwtIssuer,
          audience: this.config.jwtAudience,
        }));
      } else {
        throw new Error('the token verifier is not initialised');
      }
    } catch (error) {
      throw new InvalidTokenError(error instanceof Error ? error.message : 'invalid token');
    }
    const lifetime = lifetimeProblem(payload, currentDate, this.config.tokenMaxLifetimeSeconds);
    if (lifetime) throw new InvalidTokenError(lifetime);
    const principal = principalFromClaims(payload);
    if (!principal) throw new InvalidTokenError('the token lacks sub, tid, roles or branches');
    this.remember(token, principal, (payload.exp as number) * 1000);
    return principal;
  }

  private remember(token: string, principal: Principal, expiresAt: number): void {
    if (this.verified.size >= VERIFIED_TOKENS_KEPT) {
      const now = this.clock.now().getTime();
      for (const [kept, entry] of this.verified) if (entry.expiresAt <= now) this.verified.delete(kept);
      if (this.verified.size >= VERIFIED_TOKENS_KEPT)
        this.verified.delete(this.verified.keys().next().value!);
    }
    this.verified.set(token, { principal, expiresAt });
  }
}

const VERIFIED_TOKENS_KEPT = 10_000;

/**
 * Why a token's lifetime is not acceptable: it has no `exp` (it would never expire), or it lives
 * longer than TOKEN_MAX_LIFETIME — from its `iat`, or from now when it has none. Null when fine.
 */
function lifetimeProblem(payload: Record<string, unknown>, now: Date, maxSeconds: number): string | null {
  const { exp, iat } = payload;
  if (typeof exp !== 'number') return 'the token has no "exp" claim';
  const from = Math.min(Math.floor(now.getTime() / 1000), typeof iat === 'number' ? iat : Infinity);
  if (exp - from > maxSeconds) return `the token lives longer than the ${maxSeconds} s this service accepts`;
  return null;
}
