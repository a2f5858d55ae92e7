// The one formatter of 核验 figures for people: 是/否, ratings, amounts in 万元/亿元 (million/billion yuan),
// invoice counts in 份, the province rule with its date — in Chinese, or English.
import type { Locale } from '../errors.ts';
import { type CheckFigure, type CheckText, type CombinedVerdict, checkFigures } from './check-figures.ts';

const groupThousands = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * `yuan` in the largest unit it reaches, with at most two decimals. When two decimals cannot hold it exactly the
 * figure is cut (never rounded up, so a figure below a threshold never reads as reaching it) and marked 约 / about.
 */
export function formatYuan(yuan: number, locale: Locale): string {
  const units =
    locale === 'en'
      ? [
          { size: 1e9, zh: '', en: ' billion yuan' },
          { size: 1e6, zh: '', en: ' million yuan' },
        ]
      : [
          { size: 1e8, zh: '亿元', en: '' },
          { size: 1e4, zh: '万元', en: '' },
        ];
  const fen = Math.round(Math.abs(yuan) * 100);
  const sign = yuan < 0 ? '-' : '';
  const unit = units.find((u) => fen >= u.size * 100);
  if (!unit) {
    const text = `${groupThousands(String(Math.trunc(fen / 100)))}${fen % 100 ? `.${String(fen % 100).padStart(2, '0')}` : ''}`;
    return locale === 'en' ? `${sign}${text} yuan` : `${sign}${text}元`;
  }
  // hundredths of the unit, cut; exact when no fen is lost
  const hundredths = Math.trunc(fen / unit.size);
  const exact = fen % unit.size === 0;
  const whole = groupThousands(String(Math.trunc(hundredths / 100)));
  const fraction =
    hundredths % 100
      ? `.${String(hundredths % 100)
          .padStart(2, '0')
          .replace(/0$/, '')}`
      : '';
  const about = exact ? '' : locale === 'en' ? 'about ' : '约';
  return `${about}${sign}${whole}${fraction}${locale === 'en' ? unit.en : unit.zh}`;
}

function formatCount(count: number, locale: Locale): string {
  const n = groupThousands(String(Math.trunc(Math.abs(count))));
  return locale === 'en' ? `${n} invoice${count === 1 ? '' : 's'}` : `${n} 份`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2024-01-01" → 2024年1月1日 / 1 January 2024 */
export function formatIsoDate(iso: string, locale: Locale): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return iso;
  return locale === 'en' ? `${d} ${MONTHS[m - 1]} ${y}` : `${y}年${m}月${d}日`;
}

function listOr(items: string[], locale: Locale): string {
  if (items.length <= 1) return items.join('');
  const head = items.slice(0, -1).join(locale === 'en' ? ', ' : '、');
  return `${head}${locale === 'en' ? ' or ' : ' 或 '}${items.at(-1)}`;
}

export interface PhrasingContext {
  locale: Locale;
  /** the name of a province (its tax authority) by code, when the reader knows it */
  provinceName?: (code: string) => string | undefined;
}

function phraseFigure(figure: CheckFigure, context: PhrasingContext): string {
  const { locale } = context;
  const en = locale === 'en';
  switch (figure.kind) {
    case 'yesNo':
      return figure.value ? (en ? 'Yes' : '是') : en ? 'No' : '否';
    case 'creditRating':
      return en ? figure.rating : `${figure.rating} 级`;
    case 'creditRatings':
      return en ? listOr(figure.ratings, locale) : `${listOr(figure.ratings, locale)} 级`;
    case 'provinceRule': {
      const name = context.provinceName?.(figure.provinceCode);
      const since = formatIsoDate(figure.effectiveFrom, locale);
      return en
        ? `${name ? `Access rule of ${name}` : 'The province’s access rule'}, in force since ${since}`
        : `${name ?? '本省'}乐企自用接入标准（${since}起施行）`;
    }
    case 'ruleConfigured':
      return en ? 'A province access rule in force' : '本省已配置接入标准';
    case 'notConfigured':
      return en ? 'Not configured' : '未配置';
    case 'revenue':
      return formatYuan(figure.yuan, locale);
    case 'minRevenue':
      return en ? `At least ${formatYuan(figure.yuan, locale)}` : `不低于 ${formatYuan(figure.yuan, locale)}`;
    case 'invoices':
      return en
        ? `${formatCount(figure.count, locale)} issued and received, ${formatYuan(figure.amount, locale)} invoiced`
        : `开受票 ${formatCount(figure.count, locale)}，开票金额 ${formatYuan(figure.amount, locale)}`;
    case 'minInvoices':
      return en
        ? `At least ${formatCount(figure.count, locale)} issued and received, or at least ${formatYuan(figure.amount, locale)} invoiced`
        : `开受票不少于 ${formatCount(figure.count, locale)}，或开票金额不低于 ${formatYuan(figure.amount, locale)}`;
    case 'unknown':
      return figure.text;
  }
}

function phraseVerdict(verdict: CombinedVerdict, locale: Locale): string {
  const n = verdict.countedUseUnits;
  if (locale === 'en') {
    const who = n === null ? 'with its use units' : `with ${n} counted use unit${n === 1 ? '' : 's'}`;
    const met =
      verdict.met === null
        ? ''
        : verdict.met
          ? ': combined, the requirement is met'
          : ': combined, the requirement is not met';
    return `${who}${met}`;
  }
  const who = n === null ? '连同使用单位' : `连同计入的 ${n} 家使用单位`;
  const met = verdict.met === null ? '' : verdict.met ? '，合计达到要求' : '，合计未达到要求';
  return `${who}${met}`;
}

export interface PhrasedCheck {
  actual: string;
  required: string;
}

/** The check's actual and required values as a person reads them, in `context.locale`. */
export function phraseCheck(check: CheckText, context: PhrasingContext): PhrasedCheck {
  const figures = checkFigures(check);
  const en = context.locale === 'en';
  const own = figures.actual ? phraseFigure(figures.actual, context) : null;
  let actual = own ?? '';
  if (figures.combined) {
    const verdict = phraseVerdict(figures.combined, context.locale);
    actual = own ? (en ? `Direct-connect unit ${own}; ${verdict}` : `直连单位 ${own}；${verdict}`) : verdict;
  }
  return { actual, required: phraseFigure(figures.required, context) };
}
