import dayjs from 'dayjs';
import i18next from 'i18next';

let tenantTimeZone = 'Asia/Shanghai';

/** Sets the tenant's time zone, in which every date is shown. */
export function setTenantTimeZone(zone: string): void {
  tenantTimeZone = zone;
}

export const timeZone = (): string => tenantTimeZone;

/** An instant in the tenant's time zone (`2026-12-06 14:03`). */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return dayjs(iso).tz(tenantTimeZone).format('YYYY-MM-DD HH:mm');
}

/** An instant with seconds, for timelines. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '—';
  return dayjs(iso).tz(tenantTimeZone).format('YYYY-MM-DD HH:mm:ss');
}

const locale = (): string => (i18next.language === 'en' ? 'en-US' : 'zh-CN');

/** A number in the user's language. */
export const formatNumber = (value: number | null | undefined, digits = 0): string =>
  value === null || value === undefined
    ? '—'
    : new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value);

/** An amount of money (CNY unless named). */
export const formatMoney = (amount: number | null | undefined, currency = 'CNY'): string =>
  amount === null || amount === undefined
    ? '—'
    : new Intl.NumberFormat(locale(), { style: 'currency', currency }).format(amount);

/** Working time left (or overdue, negative), as hours and minutes. */
export function formatRemaining(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const text = i18next.t('sla.remaining', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
  return ms < 0 ? i18next.t('sla.overdue', { time: text }) : text;
}

/** Today in the tenant's calendar, and a day some days before. */
export const tenantDay = (offsetDays = 0): string =>
  dayjs().tz(tenantTimeZone).add(offsetDays, 'day').format('YYYY-MM-DD');
