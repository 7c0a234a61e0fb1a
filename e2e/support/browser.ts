/**
 * Browser helpers for the end-to-end tests: Debian's Chromium driven by playwright-core (no
 * browser download), pages at phone and desktop sizes, sign-in, an axe accessibility check and
 * screenshots into test-results/.
 *
 * One browser per test file: call `closeBrowser()` in `afterAll`. Each `newPage()` gets its own
 * browser context (own cookies and storage), so pages never share a session.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results');

export const CHROMIUM_PATH = process.env.HAVEN_E2E_CHROMIUM ?? '/usr/bin/chromium';
/** The flags Chromium needs here: running as root, no GPU, and no calls home (the network is closed). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const VIEWPORTS = {
  phone: { width: 375, height: 667 },
  desktop: { width: 1280, height: 800 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/** How long a step in the UI may take before it counts as broken. */
export const UI_TIMEOUT_MS = 15_000;

let browser: Browser | undefined;

export async function launchBrowser(): Promise<Browser> {
  if (!browser || !browser.isConnected()) {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  }
  return browser;
}

export async function closeBrowser(): Promise<void> {
  const b = browser;
  browser = undefined;
  await b?.close();
}

const pageErrors = new WeakMap<Page, string[]>();

export interface NewPageOptions {
  viewport?: ViewportName | { width: number; height: number };
  /** The browser's language (navigator.languages); Haven picks its first language from it. */
  locale?: string;
}

/** A new page in a fresh browser context whose relative URLs resolve against the Haven under test. */
export async function newPage(options: NewPageOptions = {}): Promise<Page> {
  const viewportOption = options.viewport ?? 'desktop';
  const viewport = typeof viewportOption === 'string' ? VIEWPORTS[viewportOption] : viewportOption;
  const isPhone = viewport.width < 600;
  const context = await (await launchBrowser()).newContext({
    baseURL: inject('baseURL'),
    viewport,
    deviceScaleFactor: 1,
    isMobile: isPhone,
    hasTouch: isPhone,
    locale: options.locale ?? 'en-US',
    timezoneId: 'UTC',
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
  return page;
}

/** Closes the page together with its browser context. */
export async function closePage(page: Page): Promise<void> {
  await page.context().close();
}

/** Uncaught exceptions the page has thrown so far. */
export function uncaughtErrors(page: Page): string[] {
  return [...(pageErrors.get(page) ?? [])];
}

/**
 * Signs in through the login form (in English: the page language follows the context's locale)
 * and waits until the form is gone. Fails with the form's own error message when sign-in is refused.
 */
export async function login(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/');
  const emailField = page.getByLabel('Email');
  const passwordField = page.getByLabel('Password', { exact: false }).and(page.locator('input'));
  await emailField.waitFor({ state: 'visible' });
  await emailField.fill(email);
  await passwordField.fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();

  const deadline = Date.now() + UI_TIMEOUT_MS;
  for (;;) {
    if ((await passwordField.count()) === 0) {
      return;
    }
    const alert = page.getByRole('alert').filter({ hasText: /\S/ });
    if (await alert.first().isVisible()) {
      throw new Error(`sign-in as ${email} was refused: ${(await alert.first().innerText()).trim()}`);
    }
    if (await page.getByLabel('Authentication code').isVisible()) {
      throw new Error(`sign-in as ${email} asks for a two-step verification code`);
    }
    if (Date.now() > deadline) {
      throw new Error(`sign-in as ${email}: the login form was still shown after ${UI_TIMEOUT_MS / 1000} s`);
    }
    await page.waitForTimeout(100);
  }
}

/** Fails, listing rule ids and targets, when axe finds any serious or critical violation. */
export async function expectNoSeriousA11yViolations(page: Page, context = ''): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  const where = context ? ` (${context})` : '';
  expect(serious, `serious or critical accessibility violations on ${page.url()}${where}`).toEqual([]);
}

/** A full-page screenshot in test-results/NAME.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
