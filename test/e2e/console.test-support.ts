import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium (`.ci/run` installs it with apt-get when missing); never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why the browser suites cannot run here, or null when they can. */
export const noBrowserReason = (): string | null =>
  existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;

/** Where the pages' screenshots go (git-ignored test output). */
export const SCREENSHOTS = join(__dirname, '..', '..', 'tmp', 'console-screenshots');

export type Language = 'zh-CN' | 'en';
/** The console's texts by section (`action`, `field`…), as its pages show them. */
export type Texts = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** The console's own dictionary of a language (read from its source, so labels never drift). */
export function textsOf(language: Language): Texts {
  const name = language === 'en' ? 'en' : 'zh';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(join(__dirname, '..', '..', 'services', 'console', 'src', 'i18n', name)) as Record<
    string,
    Texts
  >;
  return module[name]!;
}

/** Headless Chromium; Playwright gives every launch a fresh user-data directory of its own. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * One person at the console: a browser context of their own (1366×768, a laptop), signed in as a
 * demo user in the chosen language, whose every page error fails the test.
 */
export class ConsoleUser {
  private constructor(
    readonly page: Page,
    readonly texts: Texts,
    private readonly language: Language,
    private readonly errors: string[],
  ) {}

  static async signIn(
    browser: Browser,
    baseUrl: string,
    username: string,
    language: Language,
  ): Promise<ConsoleUser> {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1366, height: 768 } });
    await context.addInitScript((lang) => localStorage.setItem('kesu.language', lang), language);
    const page = await context.newPage();
    page.setDefaultTimeout(45_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const user = new ConsoleUser(page, textsOf(language), language, errors);
    await page.goto('/');
    await page.getByRole('button', { name: `${user.texts.signIn!.as} ${username}` }).click();
    await page.getByTestId('signed-in-user').waitFor();
    return user;
  }

  /** A screenshot of the page as it stands, named by step and language. */
  async screenshot(name: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await this.page.screenshot({ path: join(SCREENSHOTS, `${this.language}-${name}.png`), fullPage: true });
  }

  /** The errors the page threw (none expected). */
  pageErrors(): readonly string[] {
    return this.errors;
  }

  async open(path: string): Promise<void> {
    await this.page.goto(path);
  }

  /** Reloads the page until `check` passes (the views follow the events moments later). */
  async until(check: () => Promise<boolean>, ms = 30_000): Promise<void> {
    const deadline = Date.now() + ms;
    for (;;) {
      if (await check().catch(() => false)) return;
      if (Date.now() > deadline) throw new Error(`condition not met on ${this.page.url()}`);
      await this.page.waitForTimeout(1000);
      if (!(await check().catch(() => false))) await this.page.reload();
    }
  }

  /** Waits until the complaint's status reads `status` (reloading as needed). */
  async statusIs(status: string): Promise<void> {
    const text = this.texts.status![status];
    await this.until(async () => (await this.page.getByTestId('status').first().textContent()) === text);
  }

  /** Clicks an action of the complaint's action panel. */
  async action(key: string): Promise<void> {
    await this.page
      .getByTestId('action-panel')
      .getByRole('button', { name: this.texts.action![key]!, exact: true })
      .click();
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  /** Fills a text field of the open dialog. */
  async fill(field: string, value: string): Promise<void> {
    await this.dialog.getByLabel(this.texts.field![field]!, { exact: true }).fill(value);
  }

  /** Chooses an option of a select (in the dialog, or the page). */
  async choose(select: Locator, option: string): Promise<void> {
    await select.click();
    await this.page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .getByText(option, { exact: true })
      .click();
  }

  async chooseField(field: string, option: string): Promise<void> {
    await this.choose(
      this.dialog.getByLabel(this.texts.field[field], { exact: true }),
      this.texts.option[option],
    );
  }

  /** Submits the open dialog and waits until it closes (a refusal keeps it open and fails here). */
  async submit(): Promise<void> {
    await this.dialog.getByRole('button', { name: this.texts.common!.submit }).click();
    try {
      await this.dialog.waitFor({ state: 'hidden' });
    } catch (error) {
      await this.screenshot('refused-dialog');
      const shown = await this.dialog.getByRole('alert').allTextContents();
      throw new Error(`the dialog stayed open: ${shown.join(' | ') || (error as Error).message}`);
    }
  }

  async close(): Promise<void> {
    await this.page.context().close();
  }
}
