import type { Browser } from 'playwright-core';
import { ConsoleUser, type Language, launchChromium, noBrowserReason } from './console.test-support';
import { HostProcess } from './host-process';

const skipReason = noBrowserReason();
if (skipReason) console.warn(`console browser tests skipped: ${skipReason}`);
const describeInBrowser = skipReason ? describe.skip : describe;

/**
 * The web console in headless Debian Chromium against the built host: a complaint registered,
 * classified, accepted and assigned, investigated, its proposal approved, resolved, called back and
 * closed — each step by the role that does it, in its pages —, then the regulator's timeline and
 * verification and the analyst's dashboard; in Chinese and in English, with a screenshot per page.
 */
describeInBrowser('the web console in a real browser', () => {
  let host: HostProcess;
  let browser: Browser;
  const users: ConsoleUser[] = [];

  beforeAll(async () => {
    // The host starts slower while the machine is busy (a browser suite is heavy): give it a minute.
    host = await HostProcess.start({ readyWithinMs: 60_000 });
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    for (const user of users) expect(user.pageErrors()).toEqual([]);
    await browser?.close();
    expect(await host?.stop()).toBe(0);
  });

  const as = async (username: string, language: Language) => {
    const user = await ConsoleUser.signIn(browser, host.url, username, language);
    users.push(user);
    return user;
  };

  it('serves the console at / and leaves the API its own 404', async () => {
    const page = await fetch(`${host.url}/queue/mine`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const api = await fetch(`${host.url}/api/v1/no-such-route`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('json');
  });

  /** Runs a walk-through; when it fails, every open page is kept as a screenshot of the failure. */
  const walk = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      for (const [index, user] of users.entries())
        await user.screenshot(`failure-${index}`).catch(() => undefined);
      throw error;
    }
  };

  for (const language of ['zh-CN', 'en'] as const) {
    it(
      `takes a complaint from registration to closure, each step by its role (${language})`,
      () =>
        walk(async () => {
          const agent = await as('agent1', language);
          const L = agent.texts;
          await agent.open('/intake');
          await agent.page.getByLabel(L.intake.complainantName).fill(language === 'en' ? 'Mr Li' : '李先生');
          await agent.page.getByLabel(L.intake.phone).fill(language === 'en' ? '13800000556' : '13800000555');
          await agent.choose(agent.page.getByLabel(L.intake.subjectType), L.subject.billing);
          await agent.page
            .getByLabel(L.intake.description)
            .fill(`本月电费比上月高出三倍，怀疑电表计量错误，要求退还多收费用。(${language})`);
          await agent.page.getByRole('button', { name: L.intake.submit }).click();
          const reference = await agent.page.getByTestId('reference').textContent();
          expect(reference).toMatch(/^KS-\d{8}-\d{6}$/);
          await expect(agent.page.getByTestId('acknowledgement').textContent()).resolves.toContain(reference);
          await agent.screenshot('01-agent-registered');
          await agent.page.getByRole('button', { name: L.outcome.confirm }).click();
          await agent.page.getByText(L.outcome.confirmed).waitFor();
          await agent.page.getByRole('link', { name: L.outcome.openComplaint }).click();
          await agent.page.getByTestId('complaint-reference').getByText(reference!).waitFor();
          const complaintPath = new URL(agent.page.url()).pathname;

          const head = await as('handler1', language);
          await head.open(complaintPath);
          await head.until(
            async () => !(await head.page.getByText(L.complaint.notYetClassified).isVisible()),
          );
          await head.screenshot('02-handler-classified');
          await head.action('accept');
          await head.submit();
          await head.statusIs('accepted');

          const manager = await as('manager1', language);
          await manager.open(complaintPath);
          await manager.until(async () => (await manager.page.getByText('user-handler').count()) > 0);
          await manager.action('assign');
          await manager.fill('assigneeId', 'user-handler2');
          await manager.fill('departmentId', 'east-1-cs');
          await manager.fill('reason', language === 'en' ? 'A billing specialist' : '由计费专员处理');
          await manager.submit();
          await manager.until(async () => (await manager.page.getByText('user-handler2').count()) > 0);
          await manager.screenshot('03-manager-assigned');

          const handler = await as('handler2', language);
          await handler.open('/queue/mine');
          await handler.until(
            async () => (await handler.page.getByRole('link', { name: reference! }).count()) > 0,
          );
          await handler.screenshot('04-handler-queue');
          await handler.page.getByRole('link', { name: reference! }).click();
          await handler.until(async () =>
            handler.page.getByRole('button', { name: L.action.accept_assignment }).isVisible(),
          );
          await handler.action('accept_assignment');
          await handler.until(async () =>
            handler.page.getByRole('button', { name: L.action.plan_investigation }).isVisible(),
          );
          await handler.action('plan_investigation');
          await handler.fill(
            'plan',
            language === 'en' ? 'Check the meter readings' : '核对抄表记录，现场校验电表',
          );
          await handler.submit();
          await handler.action('record_contact');
          await handler.chooseField('channel', 'phone');
          await handler.dialog.getByLabel(L.field.reached).click();
          await handler.submit();
          await handler.until(async () =>
            handler.page.getByRole('button', { name: L.action.record_finding }).isVisible(),
          );
          await handler.action('record_finding');
          await handler.fill(
            'facts',
            language === 'en' ? 'The meter was wired wrongly' : '电表接线错误导致计量偏高',
          );
          await handler.chooseField('rootCause', 'equipment_fault');
          await handler.chooseField('responsibility', 'company_at_fault');
          await handler.submit();
          await handler.until(async () =>
            handler.page.getByRole('button', { name: L.action.submit_proposal }).isVisible(),
          );
          await handler.action('submit_proposal');
          await handler.choose(
            handler.dialog.getByRole('combobox', { name: L.field.remedyType }),
            L.option.refund,
          );
          await handler.dialog.getByRole('spinbutton', { name: L.field.amount }).fill('3000');
          await handler.fill('rationale', language === 'en' ? 'Refund the overcharge' : '退还多收电费');
          await handler.submit();
          await handler.statusIs('awaiting_approval');
          await handler.screenshot('05-handler-proposed');

          // ¥3,000 is beyond the department head's ¥2,000: it is their turn, and they forward it
          await head.open('/approvals');
          await head.until(
            async () => (await head.page.getByRole('link', { name: L.approvals.open }).count()) > 0,
          );
          await head.open(complaintPath);
          await head.until(async () =>
            head.page.getByRole('button', { name: L.action.decide_proposal }).isVisible(),
          );
          await head.action('decide_proposal');
          await head.chooseField('decision', 'forward');
          await head.fill('comment', language === 'en' ? 'Recommended: refund' : '建议批准退款');
          await head.submit();
          await head.until(
            async () =>
              !(await head.page.getByRole('button', { name: L.action.decide_proposal }).isVisible()),
          );

          await manager.open('/approvals');
          await manager.until(
            async () => (await manager.page.getByRole('link', { name: L.approvals.open }).count()) > 0,
          );
          await manager.screenshot('06-manager-approvals');
          await manager.open(complaintPath);
          await manager.until(async () =>
            manager.page.getByRole('button', { name: L.action.decide_proposal }).isVisible(),
          );
          await manager.action('decide_proposal');
          await manager.chooseField('decision', 'approve');
          await manager.submit();
          await manager.until(
            async () =>
              !(await manager.page.getByRole('button', { name: L.action.decide_proposal }).isVisible()),
          );

          await handler.page.reload();
          await handler.until(async () =>
            handler.page.getByRole('button', { name: L.action.make_offer }).isVisible(),
          );
          await handler.action('make_offer');
          await handler.statusIs('negotiating');
          await handler.until(async () =>
            handler.page.getByRole('button', { name: L.action.record_customer_response }).isVisible(),
          );
          await handler.action('record_customer_response');
          await handler.chooseField('response', 'accepted');
          await handler.submit();
          await handler.until(async () =>
            handler.page.getByRole('button', { name: L.action.execute }).isVisible(),
          );
          await handler.action('execute');
          const references = handler.dialog.getByPlaceholder(L.field.reference);
          for (let i = 0; i < (await references.count()); i++) await references.nth(i).fill(`TX-${i + 1}`);
          await handler.submit();
          await handler.until(async () =>
            handler.page.getByRole('button', { name: L.action.resolve }).isVisible(),
          );
          await handler.action('resolve');
          await handler.fill('summary', language === 'en' ? 'Refunded 3,000 yuan' : '已退还多收电费3000元');
          await handler.submit();
          await handler.statusIs('resolved');
          await handler.screenshot('07-handler-resolved');

          await agent.open(complaintPath);
          await agent.statusIs('resolved');
          await agent.action('callback');
          await agent.submit();
          await agent.statusIs('closed');
          await agent.screenshot('08-agent-closed');

          const regulator = await as('regulator1', language);
          await regulator.open(`/audit/${complaintPath.split('/').pop()}`);
          await regulator.page.getByRole('button', { name: L.audit.verify }).click();
          await expect(regulator.page.getByTestId('verification').textContent()).resolves.toMatch(
            language === 'en' ? /Verified: \d+ events/ : /校验通过：\d+ 个事件/,
          );
          expect(await regulator.page.getByText('ComplaintClosed', { exact: true }).count()).toBeGreaterThan(
            0,
          );
          await regulator.page.getByTestId('as-of-instant').waitFor();
          await regulator.screenshot('09-regulator-timeline');

          const analyst = await as('analyst1', language);
          await analyst.open('/dashboard');
          await analyst.page.getByRole('img', { name: L.kpi.trend }).locator('svg').waitFor();
          await analyst.page.getByRole('img', { name: L.kpi.perBranch }).locator('svg').waitFor();
          await analyst.until(
            async () =>
              (await analyst.page.locator('.ant-statistic-content-value').first().textContent()) !== '0',
          );
          await analyst.screenshot('10-analyst-dashboard');
        }),
      300_000,
    );
  }
});
