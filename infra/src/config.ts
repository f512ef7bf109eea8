/** The deploy configuration: one JSON file at the repo root, validated with arktype before anything is built. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type } from 'arktype';
import { repoPath } from './paths.js';

const hostname = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const Site = type({
  /** Site id used in `data-site`. */
  id: /^[a-z0-9][a-z0-9_-]{0,63}$/,
  /** Blog origins allowed to embed and post, e.g. https://blog.example.com. */
  origins: type(/^https?:\/\/[^/\s]+\/?$/)
    .array()
    .atLeastLength(1),
  'moderation?': "'none' | 'first-time' | 'all'",
});

export const DeployConfig = type({
  /** CloudFormation stack name. */
  stackName: [/^[A-Za-z][A-Za-z0-9-]{0,127}$/, '=', 'Afterword'],
  /** AWS region of the stack (CloudFront is global). */
  region: /^[a-z]{2}(-gov)?-[a-z]+-\d$/,
  /** Optional custom domain for CloudFront, e.g. comments.example.com. */
  'domain?': {
    name: hostname,
    /** Route 53 zone (id + name) to create the alias record in; no lookup at synth. */
    'hostedZoneId?': /^Z[A-Z0-9]{1,31}$/,
    'zoneName?': hostname,
    /** An ACM certificate in us-east-1 covering `name`; created (DNS-validated) when absent and possible. */
    'certificateArn?': /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/,
  },
  mail: {
    /** Sender of notification mail, e.g. `Afterword <comments@example.com>`. */
    from: /^([^<>]{0,100}<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/,
    /** SES identity allowed to send (domain or address); default: the sender's domain. */
    'identity?': /^([^\s@]+@)?[a-z0-9.-]+\.[a-z]{2,63}$/,
  },
  /** Receives alarm mail (SNS email subscription; confirm the first mail). */
  alarmEmail: 'string.email',
  /** Sites created after the first deploy (existing sites are left untouched). */
  sites: [Site.array(), '=', () => []],
  /**
   * What the table's indexes project: `keys` (new stacks: a vote or a count writes no index) or `all`
   * (stacks first deployed before keys: DynamoDB cannot change an index's projection in place). The
   * API reads either (README "Upgrades").
   */
  indexProjection: ["'keys' | 'all'", '=', 'keys'],
  /** HTTP API stage throttling (requests per second, burst). */
  throttle: [
    { rate: '1 <= number.integer <= 10000', burst: '1 <= number.integer <= 5000' },
    '=',
    () => ({ rate: 50, burst: 100 }),
  ],
}).narrow((c, ctx) => {
  const d = c.domain;
  if (!d) return true;
  if (Boolean(d.hostedZoneId) !== Boolean(d.zoneName)) {
    return ctx.reject({ path: ['domain'], expected: 'hostedZoneId and zoneName given together', actual: '' });
  }
  if (d.zoneName && !(d.name === d.zoneName || d.name.endsWith(`.${d.zoneName}`))) {
    return ctx.reject({ path: ['domain', 'zoneName'], expected: `a parent zone of ${d.name}`, actual: '' });
  }
  if (!d.certificateArn && !(d.hostedZoneId && c.region === 'us-east-1')) {
    return ctx.reject({
      path: ['domain', 'certificateArn'],
      expected:
        'a us-east-1 certificate ARN (or a hostedZoneId with region us-east-1, so the stack can create one)',
      actual: '',
    });
  }
  return true;
});

export type DeployConfig = typeof DeployConfig.infer;

/** The sender's address without a display name. */
export function senderAddress(from: string): string {
  return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim();
}

/** The SES identity the notify Lambda may send as. */
export function mailIdentity(c: DeployConfig): string {
  return c.mail.identity ?? senderAddress(c.mail.from).split('@')[1]!;
}

/** Validates parsed JSON; throws one readable error naming every bad field. */
export function parseDeployConfig(input: unknown, source = 'config'): DeployConfig {
  const out = DeployConfig(input);
  if (out instanceof type.errors) throw new Error(`${source} is invalid:\n${out.summary}`);
  return out;
}

/** Names reserved for examples (RFC 2606/6761): no mail is delivered there and no blog is served from them. */
const RESERVED_HOST = /(^|\.)(example\.(com|net|org)|example|invalid|test)$/i;
/** The account id and marker AWS's own documentation uses in sample ARNs and ids. */
const SAMPLE_ID = /123456789012|EXAMPLE/;

const hostOf = (value: string) => {
  const at = senderAddress(value).split('@');
  const host = at.length > 1 ? at.at(-1)! : (/^https?:\/\/([^/:]+)/i.exec(value)?.[1] ?? value);
  return host.replace(/\.$/, '').toLowerCase();
};

/**
 * The fields that still hold an example value (a reserved example domain, an address on one, a sample
 * AWS id), each as `field: "value" (why)`; empty when the config looks like the owner's own.
 */
export function exampleValues(c: DeployConfig): string[] {
  const out: string[] = [];
  const host = (field: string, value: string | undefined) => {
    if (value && RESERVED_HOST.test(hostOf(value)))
      out.push(`${field}: "${value}" (${hostOf(value)} is a reserved example domain)`);
  };
  const sample = (field: string, value: string | undefined) => {
    if (value && SAMPLE_ID.test(value)) out.push(`${field}: "${value}" (a sample id from the AWS docs)`);
  };
  host('mail.from', c.mail.from);
  host('mail.identity', c.mail.identity);
  host('alarmEmail', c.alarmEmail);
  host('domain.name', c.domain?.name);
  host('domain.zoneName', c.domain?.zoneName);
  sample('domain.hostedZoneId', c.domain?.hostedZoneId);
  sample('domain.certificateArn', c.domain?.certificateArn);
  c.sites.forEach((site, i) => {
    site.origins.forEach((origin, j) => {
      host(`sites[${i}].origins[${j}]`, origin);
    });
  });
  return out;
}

/** Refuses a config that still holds example values, naming each field (`npm run deploy` calls this). */
export function assertDeployable(c: DeployConfig, source = 'config'): void {
  const found = exampleValues(c);
  if (found.length === 0) return;
  throw new Error(
    `${source} still holds example values; replace them with your own before deploying:\n  ${found.join('\n  ')}`,
  );
}

export const CONFIG_FILE = repoPath('afterword.config.json');
export const EXAMPLE_CONFIG_FILE = repoPath('afterword.config.example.json');

/**
 * Reads the config file (default: afterword.config.json, else the committed example for synth-only use).
 * For a deploy, example values left in are refused; for a synth of a file other than the example, they
 * are warned about on stderr (a plain `cdk deploy` goes through here too).
 */
export function loadDeployConfig(
  file?: string,
  purpose: 'synth' | 'deploy' = 'synth',
): { config: DeployConfig; file: string } {
  const path = file ?? (existsSync(CONFIG_FILE) ? CONFIG_FILE : EXAMPLE_CONFIG_FILE);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read ${path}: ${(err as Error).message}`);
  }
  if (purpose === 'deploy' && resolve(path) === EXAMPLE_CONFIG_FILE) {
    throw new Error(
      'afterword.config.json is missing: copy afterword.config.example.json, fill it in, run again.',
    );
  }
  const config = parseDeployConfig(json, path);
  if (purpose === 'deploy') assertDeployable(config, path);
  else if (resolve(path) !== EXAMPLE_CONFIG_FILE) {
    for (const line of exampleValues(config))
      console.warn(`warning: ${path}: example value left in: ${line}`);
  }
  return { config, file: path };
}
