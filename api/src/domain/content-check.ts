/**
 * The external content check behind one small interface: an HTTP adapter that sends the comment's TEXT
 * only (never an address, an IP or a hash of either) and reads labels and scores, in AWS Comprehend
 * `DetectToxicContent`'s shape or a generic `{labels:[{name,score}]}`; a time limit after which the site's
 * own rules decide. Off unless the API is configured with an endpoint and the site turns it on.
 */
import { type Flag, labelFlag } from '../contract/flags.js';
import { postJson } from './outbound.js';

export interface Label {
  name: string;
  /** 0 to 1. */
  score: number;
}

/** Anything that labels a text: the HTTP adapter here, or another service behind the same interface. */
export interface ContentChecker {
  check(text: string, signal: AbortSignal): Promise<Label[]>;
}

/** What `config.ts` reads (`AFTERWORD_CONTENT_CHECK_*`, `AFTERWORD_OUTBOUND_ALLOW`). */
export interface ContentCheckConfig {
  url: string;
  /** The request's shape: Comprehend's `{TextSegments,LanguageCode}`, or `{text}`. */
  format: 'comprehend' | 'labels';
  /** After this the check is given up and the site's rules decide. */
  timeoutMs: number;
  /** Sent as `Authorization: Bearer …` when set (a proxy in front of the service). */
  token?: string | undefined;
  /** Hosts that may be local and plain http (tests); see outbound.ts. */
  allow: readonly string[];
}

/** The score at or above which a label holds the comment, unless the site sets `contentThreshold`. */
export const DEFAULT_THRESHOLD_PCT = 80;

/** The request body: the text and nothing else. */
export function requestBody(format: ContentCheckConfig['format'], text: string): string {
  return JSON.stringify(
    format === 'comprehend' ? { TextSegments: [{ Text: text }], LanguageCode: 'en' } : { text },
  );
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const score = (v: unknown) =>
  typeof v === 'number' && Number.isFinite(v) ? Math.min(Math.max(v, 0), 1) : undefined;

function label(name: unknown, value: unknown): Label[] {
  const s = score(value);
  return typeof name === 'string' && name !== '' && s !== undefined ? [{ name, score: s }] : [];
}

/**
 * The labels of an answer: Comprehend's `{ResultList:[{Labels:[{Name,Score}],Toxicity}]}` (the overall
 * toxicity as label `TOXICITY`; the highest score of a label over the segments), or `{labels:[{name,score}]}`.
 * Undefined for an answer of neither shape.
 */
export function labelsOf(answer: unknown): Label[] | undefined {
  if (!isObj(answer)) return undefined;
  const found: Label[] = [];
  if (Array.isArray(answer.ResultList)) {
    for (const r of answer.ResultList) {
      if (!isObj(r)) continue;
      found.push(...label('TOXICITY', r.Toxicity));
      for (const l of Array.isArray(r.Labels) ? r.Labels : [])
        if (isObj(l)) found.push(...label(l.Name, l.Score));
    }
  } else if (Array.isArray(answer.labels)) {
    for (const l of answer.labels) if (isObj(l)) found.push(...label(l.name, l.score));
  } else return undefined;
  const best = new Map<string, number>();
  for (const l of found) best.set(l.name, Math.max(best.get(l.name) ?? 0, l.score));
  return [...best].map(([name, s]) => ({ name, score: s }));
}

/** The HTTP adapter: POSTs the text to the configured endpoint through the outbound guard. */
export function httpContentChecker(config: ContentCheckConfig): ContentChecker {
  return {
    async check(text, signal) {
      const res = await postJson(
        config.url,
        requestBody(config.format, text),
        {
          accept: 'application/json',
          'user-agent': 'Afterword-ContentCheck/1',
          ...(config.token ? { authorization: `Bearer ${config.token}` } : {}),
        },
        { allow: config.allow, timeoutMs: config.timeoutMs, signal },
      );
      if (res.status < 200 || res.status >= 300) throw new Error(`the content check answered ${res.status}`);
      const labels = labelsOf(JSON.parse(res.body));
      if (!labels) throw new Error('the content check answered no labels');
      return labels;
    },
  };
}

/** What the check says about one text: the flags of labels at the threshold, or why it had no say. */
export type CheckOutcome = { flags: Flag[] } | { skipped: 'timeout' | 'failed' };

/**
 * Runs the check within `timeoutMs`. Labels scoring at least `thresholdPct`% become flags (the strongest
 * five, strongest first); a check that is slow or fails has no say (the caller's other rules decide).
 */
export async function runContentCheck(
  checker: ContentChecker,
  text: string,
  timeoutMs: number,
  thresholdPct = DEFAULT_THRESHOLD_PCT,
): Promise<CheckOutcome> {
  const signal = AbortSignal.timeout(timeoutMs);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'timeout'>((r) => {
    timer = setTimeout(() => r('timeout'), timeoutMs);
  });
  try {
    const labels = await Promise.race([checker.check(text, signal), late]);
    if (labels === 'timeout') return { skipped: 'timeout' };
    const over = labels
      .filter((l) => l.score * 100 >= thresholdPct)
      .sort((a, b) => b.score - a.score)
      .slice(0, 5)
      .map((l) => labelFlag(l.name, l.score));
    return { flags: over };
  } catch (err) {
    if (signal.aborted) return { skipped: 'timeout' };
    console.warn('content check failed', (err as Error).message);
    return { skipped: 'failed' };
  } finally {
    clearTimeout(timer);
  }
}
