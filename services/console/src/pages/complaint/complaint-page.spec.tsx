import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app';
import { json, tokenFor } from '../../test-support';

const ID = '5c9d1711-18f0-4e8b-9a55-3f1f0a6c2b10';

const complaint = {
  complaintId: ID,
  reference: 'KS-20261206-000011',
  status: 'investigating',
  channel: 'hotline',
  branchId: 'east-1',
  receivedAt: '2026-12-06T12:00:00Z',
  subject: { type: 'billing' },
  description: '本月电费比上月高出三倍',
  complainant: { name: '李先生' },
  classification: { category: 'fees_price', severity: 'minor', scope: 'individual', confidence: 0.9 },
  assignment: { departmentId: 'east-1-cs', assigneeId: 'user-handler2', accepted: true },
  sla: { respondBy: '2026-12-07T12:00:00Z', resolveBy: null, state: 'on_track' },
  case: null,
  satisfaction: null,
};

const caseView = {
  complaintId: ID,
  stage: 'investigating',
  waiting: null,
  revision: 2,
  proposal: null,
  outcome: null,
  allowedActions: ['add_note', 'record_contact', 'plan_investigation'],
};

function serve(noteAnswer: Response) {
  const fetch = vi.fn((url: string) => {
    if (url === `/api/v1/complaints/${ID}`) return Promise.resolve(json(200, complaint, { etag: 'W/"3"' }));
    if (url === `/api/v1/complaints/${ID}/case`)
      return Promise.resolve(json(200, caseView, { etag: 'W/"2"' }));
    if (url === `/api/v1/complaints/${ID}/history`)
      return Promise.resolve(json(200, { complaintId: ID, events: [] }));
    if (url === `/api/v1/complaints/${ID}/notes`) return Promise.resolve(noteAnswer);
    return Promise.resolve(json(404, { title: 'Not Found', status: 404 }));
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

afterEach(() => vi.unstubAllGlobals());

describe("a complaint's page", () => {
  it('offers only the actions the case allows now, and explains a stale edit (412) instead of losing it', async () => {
    sessionStorage.setItem('kesu.token', tokenFor('handler2', ['handler']));
    const fetch = serve(
      json(412, {
        type: 'urn:kesu:problem:concurrency-conflict',
        title: 'Precondition Failed',
        status: 412,
        detail: 'The complaint has moved on since revision 2.',
      }),
    );
    render(
      <MemoryRouter initialEntries={[`/complaints/${ID}`]}>
        <App />
      </MemoryRouter>,
    );
    const panel = await screen.findByTestId('action-panel');
    await waitFor(() => expect(panel.textContent).toContain('添加备注'));
    expect(panel.textContent).toContain('记录客户联系');
    expect(panel.textContent).toContain('制定调查计划');
    expect(panel.textContent).not.toContain('提交处理方案');
    expect(panel.textContent).not.toContain('办结');

    fireEvent.click(screen.getByText('添加备注'));
    fireEvent.change(await screen.findByLabelText('内容'), { target: { value: '已致电客户核实' } });
    fireEvent.click(screen.getByText('提交'));
    expect(await screen.findByText('页面已过期，本次修改未保存')).toBeTruthy();
    expect(screen.getByText('The complaint has moved on since revision 2.')).toBeTruthy();
    const [, init] = fetch.mock.calls.find(([url]) => url.endsWith('/notes'))! as unknown as [
      string,
      RequestInit,
    ];
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>)['if-match']).toBe('W/"2"');
    expect(JSON.parse(init.body as string)).toEqual({ text: '已致电客户核实' });
  });
});
