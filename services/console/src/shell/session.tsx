import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { request, setTokenSource } from '../api/http';
import { setTenantTimeZone } from './format';

/** Who is signed in, as their token names them. */
export interface User {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly tenantId: string;
  readonly roles: readonly string[];
  readonly branchScope: readonly string[];
}

/** Who the API says the caller is (`GET /api/v1/me`): the roles and units in force, and the tenant. */
export interface CallerProfile {
  readonly displayName: string;
  readonly roles: readonly string[];
  readonly branchScope: readonly string[];
  readonly tenant: { readonly timeZone: string } | null;
}

/** The token's user with what the API says in force (in production the tenant's directory decides the roles). */
export function withProfile(user: User | null, profile: CallerProfile | null): User | null {
  if (!user || !profile) return user;
  const { displayName, roles, branchScope } = profile;
  return { ...user, displayName, roles, branchScope };
}

const isProfile = (body: unknown): body is CallerProfile =>
  typeof body === 'object' &&
  body !== null &&
  Array.isArray((body as CallerProfile).roles) &&
  Array.isArray((body as CallerProfile).branchScope);

interface SessionValue {
  readonly user: User | null;
  readonly token: string | null;
  signIn(username: string): Promise<User>;
  signOut(): void;
}

const STORAGE_KEY = 'kesu.token';
const SessionContext = createContext<SessionValue | null>(null);

function base64UrlDecode(text: string): string {
  const padded = text
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(text.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** The user a token names (its claims are read, not verified: the API verifies it on every request). */
export function userOfToken(token: string): User | null {
  try {
    const claims = JSON.parse(base64UrlDecode(token.split('.')[1] ?? '')) as Record<string, unknown>;
    const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : Infinity;
    if (exp < Date.now()) return null;
    const name = claims.name;
    return {
      userId: String(claims.sub),
      username: String(claims.preferred_username ?? claims.sub),
      displayName: typeof name === 'string' ? name : String(claims.preferred_username ?? claims.sub),
      tenantId: String(claims.tid),
      roles: Array.isArray(claims.roles) ? (claims.roles as string[]) : [],
      branchScope: Array.isArray(claims.branches) ? (claims.branches as string[]) : [],
    };
  } catch {
    return null;
  }
}

function storedToken(): string | null {
  const token = sessionStorage.getItem(STORAGE_KEY);
  return token && userOfToken(token) ? token : null;
}

/** Holds the signed-in user; signs in through the demo profile's dev-token route. */
export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const [token, setToken] = useState<string | null>(storedToken);
  const signOut = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    setToken(null);
  }, []);
  setTokenSource({ token: () => token, signedOut: signOut });
  // what the API says in force, and the tenant's time zone every date is shown in
  const [profile, setProfile] = useState<{ token: string; caller: CallerProfile } | null>(null);
  useEffect(() => {
    if (!token) return;
    let live = true;
    request<unknown>('/api/v1/me').then(
      ({ body }) => {
        if (!live || !isProfile(body)) return;
        if (body.tenant?.timeZone) setTenantTimeZone(body.tenant.timeZone);
        setProfile({ token, caller: body });
      },
      () => undefined, // the token's claims stand until the API answers
    );
    return () => {
      live = false;
    };
  }, [token]);
  const signIn = useCallback(async (username: string) => {
    const reply = await request<{ accessToken: string }>('/api/v1/auth/dev-token', {
      method: 'POST',
      body: { username },
    });
    const user = userOfToken(reply.body.accessToken);
    if (!user) throw new Error('The token could not be read.');
    sessionStorage.setItem(STORAGE_KEY, reply.body.accessToken);
    setToken(reply.body.accessToken);
    return user;
  }, []);
  const value = useMemo<SessionValue>(
    () => ({
      user: token ? withProfile(userOfToken(token), profile?.token === token ? profile.caller : null) : null,
      token,
      signIn,
      signOut,
    }),
    [token, profile, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user (inside the signed-in layout). */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('no user signed in');
  return user;
}

/** Whether the user has one of the roles. */
export const hasRole = (user: User, ...roles: string[]): boolean => roles.some((r) => user.roles.includes(r));
