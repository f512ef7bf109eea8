/** After `cdk deploy`: read the stack outputs, create the configured sites, and print what the owner needs. */
import { readFileSync } from 'node:fs';
import type { Store } from '../../api/src/store/index.js';
import { SiteExistsError } from '../../api/src/store/sites.js';
import type { DeployConfig } from './config.js';

export interface StackOutputs {
  Url: string;
  TableName: string;
  DistributionDomain: string;
  SecretParameter: string;
  FailureQueue: string;
}

const KEYS: (keyof StackOutputs)[] = [
  'Url',
  'TableName',
  'DistributionDomain',
  'SecretParameter',
  'FailureQueue',
];

/** Reads `cdk deploy --outputs-file` JSON: `{ <stack>: { <output>: value } }`. */
export function readOutputs(file: string, stackName: string): StackOutputs {
  const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string>>;
  const mine = all[stackName];
  if (!mine) throw new Error(`${file} has no outputs for stack ${stackName}`);
  for (const k of KEYS) if (typeof mine[k] !== 'string') throw new Error(`stack output ${k} is missing`);
  return mine as unknown as StackOutputs;
}

export type SeedResult = { id: string; outcome: 'created' | 'kept' };

/** Creates each configured site that does not exist yet; existing sites keep their settings. */
export async function seedSites(store: Store, sites: DeployConfig['sites']): Promise<SeedResult[]> {
  const results: SeedResult[] = [];
  for (const site of sites) {
    try {
      await store.sites.put(
        site.id,
        { origins: site.origins, ...(site.moderation ? { moderation: site.moderation } : {}) },
        'create',
      );
      results.push({ id: site.id, outcome: 'created' });
    } catch (err) {
      if (!(err instanceof SiteExistsError)) throw err;
      results.push({ id: site.id, outcome: 'kept' });
    }
  }
  return results;
}

/** The text printed after a deploy: where it runs, the snippet to paste, the admin page, next steps. */
export function formatSummary(out: StackOutputs, config: DeployConfig, seeded: SeedResult[]): string {
  const url = out.Url.replace(/\/$/, '');
  const site = config.sites[0]?.id ?? '<site>';
  const env = `AFTERWORD_TABLE=${out.TableName} AWS_REGION=${config.region}`;
  const lines = [
    '',
    `Afterword is deployed (stack ${config.stackName}, ${config.region}).`,
    '',
    `  URL:    ${url}`,
    `  API:    ${url}/api/v1/health`,
    `  Admin:  ${url}/admin/`,
    '',
    'Embed it on your blog:',
    '',
    '  <div id="afterword"></div>',
    `  <script src="${url}/embed.js" data-site="${site}" async></script>`,
    '',
  ];
  if (seeded.length > 0) {
    lines.push(
      'Sites:',
      ...seeded.map((s) => `  ${s.id}: ${s.outcome === 'created' ? 'created' : 'already there, left as is'}`),
      '',
    );
  }
  lines.push(
    'Next:',
    `  ${env} npx afterword moderator add --site ${site} --email <you> --role owner --aws`,
    `  ${env} npx afterword site add <id> --origin https://your.blog --aws`,
    `  Confirm the alarm subscription mail sent to ${config.alarmEmail}.`,
    `  Verify the SES identity for ${config.mail.from} (and leave the SES sandbox) so notification mail is sent.`,
    '',
  );
  return lines.join('\n');
}
