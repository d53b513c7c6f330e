import { DEMO_AUDIENCE, DEMO_ISSUER } from '@kesu/platform';
import fc from 'fast-check';
import { generateKeyPair, SignJWT } from 'jose';
import type { SecurityApp } from '../security-app.test-support';
import { type Attack, withHeaders } from './fuzz.test-support';

/*
 * Malformed headers on every route: Authorization (forged, expired, foreign and garbled tokens),
 * Idempotency-Key and If-Match where a route reads them, and odd values of the headers every request
 * may carry.
 */

/** Header values Node sends: visible ASCII, spaces, tabs and Latin-1 (no line breaks, no NUL). */
const headerText = (maxLength = 80) =>
  fc.string({ unit: fc.constantFrom(...'ab Z9-_.~+/=:;,"\'\t\\é×'.split('')), maxLength });

const CLAIMS = { sub: 'user-admin', tid: 'demo', roles: ['admin'], branches: ['hq'] };
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Tokens that must not be trusted, made once per suite. */
export async function forgedTokens(t: SecurityApp): Promise<string[]> {
  const foreign = await generateKeyPair('ES256');
  const valid = t.token('admin')!;
  const [header, payload, signature] = valid.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  return [
    `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`,
    `${header}.${base64url({ ...claims, tid: 'other' })}.${signature}`,
    `${header}.${payload}.${signature.slice(0, -4)}AAAA`,
    `${header}.${payload}`,
    await new SignJWT(CLAIMS)
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(DEMO_ISSUER)
      .setAudience(DEMO_AUDIENCE)
      .setExpirationTime('1h')
      .sign(foreign.privateKey),
    await new SignJWT(CLAIMS)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(DEMO_ISSUER)
      .setAudience(DEMO_AUDIENCE)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('kesu')),
    await t.sign(CLAIMS, -60),
    await t.sign({ ...CLAIMS, roles: 'admin' }, 3600),
    await t.sign({ tid: 'demo', roles: ['admin'], branches: ['hq'] }, 3600),
  ];
}

/** A revision tag `If-Match` takes (`*`, `3`, `"3"`, `W/"3"`). */
const REVISION_TAG = /^(?:\*|(?:W\/)?(?:"(?:0|[1-9]\d{0,14})"|(?:0|[1-9]\d{0,14})))$/;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
const [IDEMPOTENCY, IF_MATCH] = [{ fields: ['Idempotency-Key'] }, { fields: ['If-Match'] }];

export function headerAttacks(forged: readonly string[], tokenWithoutExpiry: string): Attack[] {
  return [
    {
      name: 'malformed Authorization',
      applies: () => true,
      expects: (route) => (route.isPublic ? 'no 5xx' : [401]),
      examples: (_route, valid) =>
        forged.map((token) => withHeaders(valid, { authorization: `Bearer ${token}` })),
      attempts: (_route, valid) =>
        fc
          .oneof(
            headerText(),
            headerText().map((text) => `Bearer ${text}`),
            fc.constantFrom(...forged).map((token) => `Bearer ${token}`),
            fc.constantFrom(
              'Bearer',
              'Bearer ',
              'Basic YWRtaW46YWRtaW4=',
              `Token ${valid.headers.authorization}`,
            ),
            fc.constantFrom(...forged).map((token) => token),
          )
          .filter((value) => value !== valid.headers.authorization)
          .map((authorization) => withHeaders(valid, { authorization })),
    },
    {
      name: 'token without expiry',
      applies: (route) => !route.isPublic,
      expects: () => [401],
      attempts: (_route, valid) =>
        fc.constant(withHeaders(valid, { authorization: `Bearer ${tokenWithoutExpiry}` })),
    },
    {
      name: 'malformed Idempotency-Key',
      applies: (route) => route.idempotencyKey,
      expects: () => [400],
      examples: (_route, valid) => [withHeaders(valid, { 'idempotency-key': 'k'.repeat(201) }, IDEMPOTENCY)],
      attempts: (_route, valid) =>
        fc
          .oneof(
            headerText(40),
            fc.integer({ min: 201, max: 2000 }).map((n) => 'k'.repeat(n)),
            fc.constantFrom('', ' ', 'key with spaces', 'clé', '\t'),
          )
          .filter((key) => !IDEMPOTENCY_KEY.test(key))
          .map((key) => withHeaders(valid, { 'idempotency-key': key }, IDEMPOTENCY)),
    },
    {
      name: 'malformed If-Match',
      applies: (route) => route.ifMatch,
      expects: () => [400],
      examples: (_route, valid) => [withHeaders(valid, { 'if-match': 'latest' }, IF_MATCH)],
      attempts: (_route, valid) =>
        fc
          .oneof(
            headerText(30),
            fc.constantFrom(
              'latest',
              '-1',
              '1.0',
              '"1',
              'W/1',
              'W/""',
              '1'.repeat(16),
              '"-3"',
              '',
              '1, 2',
              '0x1',
              '1e3',
            ),
          )
          .filter((tag) => !REVISION_TAG.test(tag.trim()))
          .map((tag) => withHeaders(valid, { 'if-match': tag }, IF_MATCH)),
    },
    {
      name: 'odd headers',
      applies: () => true,
      expects: () => 'no 5xx',
      attempts: (route, valid) =>
        fc
          .oneof(
            headerText(200).map((value) => ({ 'x-correlation-id': value })),
            fc.integer({ min: 1000, max: 8000 }).map((n) => ({ 'x-correlation-id': 'c'.repeat(n) })),
            headerText().map((value) => ({ accept: value })),
            headerText().map((value) => ({ 'accept-language': value })),
            headerText().map((value) => ({ 'x-forwarded-for': value })),
            fc
              .constantFrom('gzip', 'deflate', 'br', 'identity, gzip', 'x-unknown')
              .map((value): Record<string, string> => ({
                [route.hasBody ? 'content-encoding' : 'accept-encoding']: value,
              })),
          )
          .map((headers) => withHeaders(valid, headers)),
    },
  ];
}
