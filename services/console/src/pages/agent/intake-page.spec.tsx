import { fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app';
import { json, tokenFor } from '../../test-support';

afterEach(() => vi.unstubAllGlobals());

describe('the intake form', () => {
  it('puts each field error of a refused registration on the field it names', async () => {
    sessionStorage.setItem('kesu.token', tokenFor('agent1', ['agent']));
    const fetch = vi.fn(() =>
      Promise.resolve(
        json(400, {
          type: 'urn:kesu:problem:validation-failed',
          title: 'Invalid request',
          status: 400,
          detail: 'The request has 1 invalid field.',
          errors: [
            { field: 'complainant.phone', message: 'complainant.phone must be a mobile or landline number' },
          ],
        }),
      ),
    );
    vi.stubGlobal('fetch', fetch);
    render(
      <MemoryRouter initialEntries={['/intake']}>
        <App />
      </MemoryRouter>,
    );
    fireEvent.change(await screen.findByLabelText('投诉人姓名'), { target: { value: '李先生' } });
    fireEvent.change(screen.getByLabelText('电话'), { target: { value: '12' } });
    fireEvent.change(screen.getByLabelText('投诉内容'), { target: { value: '营业厅排队两小时无人处理' } });
    fireEvent.click(screen.getByText('登记'));
    expect(
      await screen.findAllByText('complainant.phone must be a mobile or landline number'),
    ).not.toHaveLength(0);
    const [, init] = (fetch.mock.calls as unknown as [string, RequestInit][]).find(
      ([url, sent]) => url === '/api/v1/complaints' && sent.method === 'POST',
    )!;
    expect(JSON.parse(init.body as string)).toMatchObject({
      channel: 'hotline',
      branchId: 'east-1',
      complainant: { name: '李先生', phone: '12' },
      description: '营业厅排队两小时无人处理',
    });
    expect((init.headers as Record<string, string>)['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
