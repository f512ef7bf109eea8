/** How long to wait, from a Retry-After in seconds, in the reader's language ("about 8 minutes"); part of the lazy error chunk. */

/** The two texts a wait is said with: `about` holds `{n}` (a number with its unit), `moment` when the time is unknown. */
export interface WaitTexts {
  about: string;
  moment: string;
}

/** The unit and the rounded number a wait of `sec` seconds is said in: seconds below a minute, minutes below an hour, then hours. */
export function waitUnit(sec: number): [number, 'second' | 'minute' | 'hour'] {
  if (sec < 60) return [Math.ceil(sec), 'second'];
  if (sec < 3570) return [Math.max(1, Math.round(sec / 60)), 'minute'];
  return [Math.round(sec / 3600), 'hour'];
}

/** `about 8 minutes` for 486 s in English; `moment` when `sec` is not a positive number. */
export function wait(texts: WaitTexts, sec: unknown, lang = 'en'): string {
  const s = Number(sec);
  if (!(s > 0) || !Number.isFinite(s)) return texts.moment;
  const [n, unit] = waitUnit(s);
  const said = new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(n);
  return texts.about.replace('{n}', said);
}
