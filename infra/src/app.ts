/** CDK app entry (`cdk synth|deploy` from infra/): reads afterword.config.json, builds the stack, runs cdk-nag. */
import { existsSync } from 'node:fs';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { type DeployConfig, loadDeployConfig } from './config.js';
import { API_DIST, WIDGET_DIST } from './paths.js';
import { AfterwordStack } from './stack.js';

export interface BuildOptions {
  /** Config file (default: `-c config=<file>`, else afterword.config.json, else the example). */
  configFile?: string;
  /** An already validated config (tests). */
  config?: DeployConfig;
  outdir?: string;
  apiDist?: string;
  widgetDist?: string;
}

export function buildApp(opts: BuildOptions = {}) {
  const app = new App(opts.outdir ? { outdir: opts.outdir } : {});
  const file = opts.configFile ?? (app.node.tryGetContext('config') as string | undefined);
  const config = opts.config ?? loadDeployConfig(file).config;
  const apiDist = opts.apiDist ?? API_DIST;
  const widgetDist =
    opts.widgetDist ?? (app.node.tryGetContext('widgetDist') as string | undefined) ?? WIDGET_DIST;
  for (const [what, dir] of [
    ['api/dist/lambda.mjs', `${apiDist}/lambda.mjs`],
    ['widget/dist/embed.js', `${widgetDist}/embed.js`],
  ] as const) {
    if (!existsSync(dir)) throw new Error(`${what} is missing: run \`npm run build\` first`);
  }
  // Region from the config, account left to the credentials at deploy: synth needs no AWS access.
  const stack = new AfterwordStack(app, config.stackName, {
    env: { region: config.region },
    config,
    apiDist,
    widgetDist,
    description: 'Afterword comments: HTTP API + Lambda + DynamoDB + CloudFront',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack, config };
}
