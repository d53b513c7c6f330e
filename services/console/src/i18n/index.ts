import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import relativeTime from 'dayjs/plugin/relativeTime';
import 'dayjs/locale/zh-cn';
import { en } from './en';
import { zh } from './zh';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(relativeTime);

/** The console's languages: Chinese first (the demo tenant's default), English one click away. */
export type Language = 'zh-CN' | 'en';
export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'kesu.language';

export function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' || stored === 'zh-CN' ? stored : 'zh-CN';
}

/** Switches the language of texts, dates and Ant Design's components, and remembers the choice. */
export async function changeLanguage(language: Language): Promise<void> {
  localStorage.setItem(STORAGE_KEY, language);
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}

export function setUpI18n(language: Language = initialLanguage()): typeof i18next {
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources: { 'zh-CN': { translation: zh }, en: { translation: en } },
      lng: language,
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  return i18next;
}
