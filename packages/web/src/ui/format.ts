import type { Lang } from '../app/i18n.tsx';

/** "3天2小时" / "3 d 2 h": how long since `since`, to the minute, two largest units. */
export function formatElapsed(since: string, lang: Lang, now: number = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - new Date(since).getTime()) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const units = lang === 'en' ? { d: ' d', h: ' h', m: ' min' } : { d: '天', h: '小时', m: '分钟' };
  const parts: string[] = [];
  if (days) parts.push(`${days}${units.d}`);
  if (hours) parts.push(`${hours}${units.h}`);
  if (!days && (mins || !hours)) parts.push(`${mins}${units.m}`);
  return parts.slice(0, 2).join(lang === 'en' ? ' ' : '');
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatDate(value: string | null | undefined): string {
  return value ? formatDateTime(value).slice(0, 10) : '—';
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
