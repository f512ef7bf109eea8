/** Relative times ("3 hours ago") and the exact time shown on hover, in the widget's language. */

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31_536_000],
  ['month', 2_592_000],
  ['week', 604_800],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

export function ago(iso: string, lang: string, now = Date.now()): string {
  const sec = (Date.parse(iso) - now) / 1000;
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  for (const [unit, size] of UNITS)
    if (Math.abs(sec) >= size) return rtf.format(Math.trunc(sec / size), unit);
  return rtf.format(0, 'second');
}

export function exact(iso: string, lang: string): string {
  return new Date(iso).toLocaleString(lang);
}
