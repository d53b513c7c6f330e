import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../app';
import { changeLanguage } from '../i18n';
import { setTenantTimeZone } from './format';
import { homeOf, menuOf } from './menu';
import { type User, userOfToken } from './session';
import { tokenFor } from '../test-support';

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

function renderApp(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <App />
    </MemoryRouter>,
  );
}

afterEach(async () => {
  vi.unstubAllGlobals();
  setTenantTimeZone('Asia/Shanghai');
  await changeLanguage('zh-CN');
});

describe('the role-aware menu', () => {
  const user = (roles: string[]): User => ({
    userId: 'u',
    username: 'u',
    displayName: 'u',
    tenantId: 'demo',
    roles,
    branchScope: [],
  });

  it('shows each role the pages of its work, and lands it on the first', () => {
    expect(menuOf(user(['agent'])).map((e) => e.path)).toEqual(['/intake', '/complaints']);
    expect(homeOf(user(['handler']))).toBe('/queue/mine');
    expect(homeOf(user(['analyst']))).toBe('/dashboard');
    expect(homeOf(user(['regulator']))).toBe('/dashboard');
    expect(menuOf(user(['regulator'])).map((e) => e.path)).toContain('/audit');
    expect(menuOf(user(['admin'])).map((e) => e.path)).toContain('/admin/routing');
    expect(menuOf(user(['analyst'])).map((e) => e.path)).not.toContain('/intake');
  });

  it('reads the user from the token, and refuses an expired one', () => {
    expect(userOfToken(tokenFor('agent1', ['agent']))).toMatchObject({
      username: 'agent1',
      roles: ['agent'],
      tenantId: 'demo',
    });
    const expired = tokenFor('agent1', ['agent']).replace(/\.[^.]+\./, (part) => {
      const claims = JSON.parse(atob(part.slice(1, -1).replace(/-/g, '+').replace(/_/g, '/'))) as Record<
        string,
        unknown
      >;
      return `.${btoa(JSON.stringify({ ...claims, exp: 1 })).replace(/=+$/, '')}.`;
    });
    expect(userOfToken(expired)).toBeNull();
  });
});

describe('signing in', () => {
  it('lists the demo users, signs in with the dev token and opens the role’s first page', async () => {
    const fetch = vi.fn((url: string) =>
      Promise.resolve(
        url === '/api/v1/auth/dev-token'
          ? json(200, { accessToken: tokenFor('agent1', ['agent']) })
          : json(200, {}),
      ),
    );
    vi.stubGlobal('fetch', fetch);
    renderApp('/');
    expect(await screen.findByText('regulator1')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('登录为 agent1'));
    expect(await screen.findByText('投诉内容')).toBeTruthy();
    expect(fetch).toHaveBeenCalledWith('/api/v1/auth/dev-token', expect.objectContaining({ method: 'POST' }));
    expect(screen.getByTestId('signed-in-user').textContent).toContain('坐席');
  });

  it('takes the roles in force and the tenant’s time zone from GET /api/v1/me', async () => {
    const me = {
      userId: 'user-agent1',
      username: 'agent1',
      displayName: '王芳',
      roles: ['handler'],
      branchScope: ['east-1'],
      tenant: {
        id: 'demo',
        name: { zh: '演示', en: 'Demo' },
        timeZone: 'Europe/London',
        defaultLanguage: 'zh',
      },
    };
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string) =>
        Promise.resolve(
          url === '/api/v1/auth/dev-token'
            ? json(200, { accessToken: tokenFor('agent1', ['agent']) })
            : url === '/api/v1/me'
              ? json(200, me)
              : json(200, {}),
        ),
      ),
    );
    renderApp('/');
    fireEvent.click(await screen.findByLabelText('登录为 agent1'));
    await waitFor(() => expect(screen.getByTestId('signed-in-user').textContent).toContain('王芳 · 处理人'));
    expect(screen.getByText('时区：Europe/London')).toBeTruthy();
  });

  it('shows a refused sign-in readably', async () => {
    vi.stubGlobal('fetch', () =>
      Promise.resolve(
        json(
          401,
          {
            type: 'about:blank',
            title: 'Unauthorized',
            status: 401,
            detail: 'No token is issued for this username.',
          },
          'application/problem+json',
        ),
      ),
    );
    renderApp('/sign-in');
    fireEvent.click(await screen.findByLabelText('登录为 handler1'));
    expect((await screen.findByTestId('problem-detail')).textContent).toBe(
      'No token is issued for this username.',
    );
  });

  it('switches between Chinese and English in one click', async () => {
    renderApp('/sign-in');
    expect(await screen.findByLabelText('登录为 agent1')).toBeTruthy();
    fireEvent.click(screen.getByText('English'));
    expect(await screen.findByLabelText('Sign in as agent1')).toBeTruthy();
    expect(localStorage.getItem('kesu.language')).toBe('en');
    await act(() => changeLanguage('zh-CN'));
    await waitFor(() => expect(screen.getByLabelText('登录为 agent1')).toBeTruthy());
  });
});
