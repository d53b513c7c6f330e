import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { setUpI18n } from './i18n';

// jsdom has no matchMedia (Ant Design's responsive grid asks it) and no layout.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }),
});

// Ant Design's pages are large for jsdom: give queries time.
configure({ asyncUtilTimeout: 10_000 });
class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
Object.defineProperty(window, 'ResizeObserver', { writable: true, value: NoResizeObserver });

setUpI18n('zh-CN');
afterEach(() => {
  cleanup();
  sessionStorage.clear();
  localStorage.clear();
});
