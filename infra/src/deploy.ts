/** `npm run deploy`: cdk deploy with afterword.config.json, then seed sites and print URL, embed snippet, admin URL. */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createStore } from '../../api/src/store/index.js';
import { loadDeployConfig } from './config.js';
import { formatSummary, readOutputs, seedSites } from './outputs.js';
import { repoPath } from './paths.js';

const infraDir = repoPath('infra');
const extra = process.argv.slice(2);
const configFlag = extra.indexOf('--config');
const configFile = configFlag >= 0 ? extra.splice(configFlag, 2)[1] : undefined;
// A missing file, a bad field or an example value left in stops here, before cdk runs.
const { config, file } = (() => {
  try {
    return loadDeployConfig(configFile, 'deploy');
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
})();

const outDir = join(infraDir, 'cdk.out');
mkdirSync(outDir, { recursive: true });
const outputsFile = join(outDir, 'deploy-outputs.json');
const cdk = spawnSync(
  'npx',
  ['cdk', 'deploy', config.stackName, '-c', `config=${file}`, '--outputs-file', outputsFile, ...extra],
  { cwd: infraDir, stdio: 'inherit' },
);
if (cdk.status !== 0) process.exit(cdk.status ?? 1);

const outputs = readOutputs(outputsFile, config.stackName);
const store = createStore({
  dynamodbEndpoint: undefined,
  region: config.region,
  table: outputs.TableName,
  siteCacheMs: 0,
});
try {
  const seeded = await seedSites(store, config.sites);
  console.log(formatSummary(outputs, config, seeded));
} finally {
  store.close();
}
