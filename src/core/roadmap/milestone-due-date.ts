/**
 * A milestone's due date from its heading, as an ISO date (YYYY-MM-DD), or null: an explicit date
 * gives that date; a month ("2026-03", "March 2026", "marzo de 2026", "2026年3月") its last day; a
 * quarter ("Q3 2025", "2025 Q3", "Q1-Q2 2025", "2026년 1분기") or half ("2025 H1") its last day; a
 * heading that is only a year its 31 December. Relative timeframes ("Next", "Months 3-6") give none.
 */

const MONTHS: ReadonlyArray<readonly string[]> = [
  ['january', 'jan', 'enero', 'janeiro', 'janvier', 'januar', 'gennaio', 'ocak', 'январь', 'января'],
  ['february', 'feb', 'febrero', 'fevereiro', 'février', 'fevrier', 'februar', 'febbraio', 'şubat', 'февраль', 'февраля'],
  ['march', 'mar', 'marzo', 'março', 'mars', 'märz', 'mart', 'март', 'марта'],
  ['april', 'apr', 'abril', 'avril', 'aprile', 'nisan', 'апрель', 'апреля'],
  ['may', 'mayo', 'maio', 'mai', 'maggio', 'mayıs', 'май', 'мая'],
  ['june', 'jun', 'junio', 'junho', 'juin', 'juni', 'giugno', 'haziran', 'июнь', 'июня'],
  ['july', 'jul', 'julio', 'julho', 'juillet', 'juli', 'luglio', 'temmuz', 'июль', 'июля'],
  ['august', 'aug', 'agosto', 'août', 'aout', 'ağustos', 'август', 'августа'],
  ['september', 'sep', 'sept', 'septiembre', 'setembro', 'septembre', 'settembre', 'eylül', 'сентябрь', 'сентября'],
  ['october', 'oct', 'octubre', 'outubro', 'octobre', 'oktober', 'ottobre', 'ekim', 'октябрь', 'октября'],
  ['november', 'nov', 'noviembre', 'novembro', 'novembre', 'kasım', 'ноябрь', 'ноября'],
  ['december', 'dec', 'diciembre', 'dezembro', 'décembre', 'decembre', 'dezember', 'dicembre', 'aralık', 'декабрь', 'декабря'],
];
const monthIndex = new Map<string, number>();
MONTHS.forEach((names, i) => {
  for (const n of names) monthIndex.set(n, i + 1);
});
const MONTH_ALT = [...monthIndex.keys()].sort((a, b) => b.length - a.length).join('|');
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';

const ISO_DATE = new RegExp(`${B}(20\\d\\d)-(\\d\\d)-(\\d\\d)${E}`, 'u');
const DAY_MONTH_YEAR = new RegExp(`${B}(\\d{1,2})(?:\\.|\\s|-)\\s*(?:de\\s+)?(${MONTH_ALT})\\.?(?:\\s|-|,)\\s*(?:de\\s+)?(20\\d\\d)${E}`, 'u');
const MONTH_DAY_YEAR = new RegExp(`${B}(${MONTH_ALT})\\.?\\s+(\\d{1,2}),?\\s+(20\\d\\d)${E}`, 'u');
const ISO_MONTH = new RegExp(`${B}(20\\d\\d)-(\\d\\d)${E}`, 'u');
const MONTH_YEAR = new RegExp(`${B}(${MONTH_ALT})\\.?,?\\s+(?:de\\s+)?(20\\d\\d)${E}`, 'u');
const CJK_MONTH = /(20\d\d)\s*年\s*(\d{1,2})\s*月/u;
const QUARTER_YEAR = new RegExp(`${B}q([1-4])(?:\\s*[-–/&]\\s*q?([1-4]))?\\s*[-,/]?\\s*(20\\d\\d)${E}`, 'u');
const YEAR_QUARTER = new RegExp(`${B}(20\\d\\d)\\s*[-/]?\\s*q([1-4])(?:\\s*[-–/&]\\s*q?([1-4]))?${E}`, 'u');
const KOREAN_QUARTER = /(20\d\d)\s*년\s*([1-4])\s*분기/u;
const HALF = new RegExp(`${B}(?:(20\\d\\d)\\s*h([12])|h([12])\\s*(20\\d\\d))${E}`, 'u');
const YEAR_ONLY = /^(20\d\d)$/u;

export function milestoneDueDate(heading: string): string | null {
  const s = heading.normalize('NFKC').toLowerCase().slice(0, 300);
  let m = ISO_DATE.exec(s);
  if (m) return date(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DAY_MONTH_YEAR.exec(s);
  if (m) return date(Number(m[3]), monthIndex.get(m[2] ?? '') ?? 0, Number(m[1]));
  m = MONTH_DAY_YEAR.exec(s);
  if (m) return date(Number(m[3]), monthIndex.get(m[1] ?? '') ?? 0, Number(m[2]));
  m = ISO_MONTH.exec(s);
  if (m) return monthEnd(Number(m[1]), Number(m[2]));
  m = MONTH_YEAR.exec(s);
  if (m) return monthEnd(Number(m[2]), monthIndex.get(m[1] ?? '') ?? 0);
  m = CJK_MONTH.exec(s);
  if (m) return monthEnd(Number(m[1]), Number(m[2]));
  m = QUARTER_YEAR.exec(s);
  if (m) return monthEnd(Number(m[3]), 3 * Number(m[2] ?? m[1]));
  m = YEAR_QUARTER.exec(s);
  if (m) return monthEnd(Number(m[1]), 3 * Number(m[3] ?? m[2]));
  m = KOREAN_QUARTER.exec(s);
  if (m) return monthEnd(Number(m[1]), 3 * Number(m[2]));
  m = HALF.exec(s);
  if (m) return monthEnd(Number(m[1] ?? m[4]), Number(m[2] ?? m[3]) === 1 ? 6 : 12);
  m = YEAR_ONLY.exec(s.trim());
  if (m) return date(Number(m[1]), 12, 31);
  return null;
}

function monthEnd(year: number, month: number): string | null {
  if (month < 1 || month > 12) return null;
  return date(year, month, new Date(Date.UTC(year, month, 0)).getUTCDate());
}

function date(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}
