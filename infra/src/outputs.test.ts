/** After deploy: outputs are read strictly, sites are seeded once (DynamoDB Local), and the summary has what to paste. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createHarness, type Harness } from '../../api/src/testing/harness.js';
import { parseDeployConfig } from './config.js';
import { formatSummary, readOutputs, type StackOutputs, seedSites } from './outputs.js';

const outputs: StackOutputs = {
  Url: 'https://d111111abcdef8.cloudfront.net',
  TableName: 'Afterword-DataTable-ABC',
  DistributionDomain: 'd111111abcdef8.cloudfront.net',
  SecretParameter: '/Afterword/secret',
  FailureQueue: 'https://sqs.eu-west-1.amazonaws.com/123456789012/q',
};
const config = parseDeployConfig({
  region: 'eu-west-1',
  mail: { from: 'Blog <c@blog.example>' },
  alarmEmail: 'me@blog.example',
  sites: [
    { id: 'blog', origins: ['https://blog.example'], moderation: 'all' },
    { id: 'notes', origins: ['https://notes.example'] },
  ],
});

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.drop();
});

describe('after deploy', () => {
  it('reads the outputs of its own stack and refuses incomplete ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'afterword-out-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'ok.json'), JSON.stringify({ Afterword: outputs }));
    expect(readOutputs(join(dir, 'ok.json'), 'Afterword')).toEqual(outputs);
    expect(() => readOutputs(join(dir, 'ok.json'), 'Other')).toThrow(/no outputs for stack Other/);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ Afterword: { Url: 'x' } }));
    expect(() => readOutputs(join(dir, 'bad.json'), 'Afterword')).toThrow(/TableName/);
  });

  it('creates configured sites once and leaves existing ones alone', async () => {
    expect(await seedSites(h.store, config.sites)).toEqual([
      { id: 'blog', outcome: 'created' },
      { id: 'notes', outcome: 'created' },
    ]);
    const blog = await h.store.sites.get('blog');
    expect(blog).toMatchObject({ origins: ['https://blog.example'], moderation: 'all' });
    await h.store.sites.put('notes', { moderation: 'first-time' }, 'update');
    expect(await seedSites(h.store, config.sites)).toEqual([
      { id: 'blog', outcome: 'kept' },
      { id: 'notes', outcome: 'kept' },
    ]);
    expect((await h.store.sites.get('notes'))?.moderation).toBe('first-time');
  });

  it('prints the URL, the embed snippet and the admin URL', () => {
    const text = formatSummary(outputs, config, [{ id: 'blog', outcome: 'created' }]);
    expect(text).toContain('URL:    https://d111111abcdef8.cloudfront.net');
    expect(text).toContain(
      '<script src="https://d111111abcdef8.cloudfront.net/embed.js" data-site="blog" async></script>',
    );
    expect(text).toContain('Admin:  https://d111111abcdef8.cloudfront.net/admin/');
    expect(text).toContain(
      'AFTERWORD_TABLE=Afterword-DataTable-ABC AWS_REGION=eu-west-1 npx afterword moderator add',
    );
  });
});
