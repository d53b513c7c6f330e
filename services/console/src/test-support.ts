/** An unsigned token with the dev token's claims (the console reads claims; the API verifies). */
export function tokenFor(username: string, roles: string[], branches = ['east-1']): string {
  const claims = {
    sub: `user-${username}`,
    tid: 'demo',
    roles,
    branches,
    preferred_username: username,
    name: username,
    exp: Date.now() / 1000 + 3600,
  };
  const encode = (value: object) =>
    btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${encode({ alg: 'none' })}.${encode(claims)}.sig`;
}

/** A JSON answer of the API, as fetch gives it. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
