/** The Afterword stack: table, key, Lambdas, HTTP API, S3 + CloudFront, publisher, alarms, and deploy's outputs. */
import { CfnOutput, Lazy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { type DeployConfig, mailIdentity } from './config.js';
import { Alarms } from './constructs/alarms.js';
import { Data } from './constructs/data.js';
import { Edge } from './constructs/edge.js';
import { Functions } from './constructs/functions.js';
import { Http } from './constructs/http.js';
import { Publisher } from './constructs/publisher.js';
import { Refresher } from './constructs/refresher.js';
import { DeploySecret } from './constructs/secret.js';
import { acknowledgeNagFindings } from './nag.js';

export interface AfterwordStackProps extends StackProps {
  config: DeployConfig;
  /** Built Lambda bundles (api/dist). */
  apiDist: string;
  /** Built widget and admin page (widget/dist). */
  widgetDist: string;
}

export class AfterwordStack extends Stack {
  readonly data: Data;
  readonly functions: Functions;
  readonly http: Http;
  readonly edge: Edge;
  readonly publisher: Publisher;
  readonly refresher: Refresher;
  readonly alarms: Alarms;
  readonly customDomain: boolean;

  constructor(scope: Construct, id: string, props: AfterwordStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.customDomain = Boolean(config.domain);
    this.data = new Data(this, 'Data', { projection: config.indexProjection });
    const secret = new DeploySecret(this, 'Secret', { parameterName: `/${config.stackName}/secret` });
    // The API Lambda's env names the public URL, which is the distribution's, which points at the HTTP
    // API, which invokes the Lambda: a lazy value breaks the construction order (not a CloudFormation
    // cycle: the HTTP API resource itself does not depend on the function, only its routes do).
    let edge: Edge | undefined;
    const url = config.domain
      ? `https://${config.domain.name}`
      : Lazy.string({ produce: () => `https://${edge!.distribution.distributionDomainName}` });
    this.functions = new Functions(this, 'Functions', {
      table: this.data.table,
      tableArns: this.data.tableArns,
      secret,
      apiDist: props.apiDist,
      publicUrl: url,
      mailFrom: config.mail.from,
      mailIdentity: mailIdentity(config),
    });
    this.http = new Http(this, 'Http', { handler: this.functions.api, throttle: config.throttle });
    edge = new Edge(this, 'Edge', {
      httpApi: this.http.api,
      edgeKey: secret.edgeKey,
      widgetDist: props.widgetDist,
      domain: config.domain,
    });
    this.edge = edge;
    this.publisher = new Publisher(this, 'Publisher', {
      table: this.data.table,
      tableArns: this.data.tableArns,
      code: this.functions.code,
      bucket: edge.bucket,
    });
    this.refresher = new Refresher(this, 'Refresher', {
      table: this.data.table,
      tableArns: this.data.tableArns,
      secret,
      code: this.functions.code,
    });
    this.alarms = new Alarms(this, 'Alarms', {
      email: config.alarmEmail,
      // The refresher has none of its own: the free tier's ten alarms are taken, and a failed fetch is
      // recorded on its post (shown to moderators), not an error of the run.
      functions: { Api: this.functions.api, Notify: this.functions.notify, Publish: this.publisher.fn },
      failures: { Notify: this.functions.failures, Publish: this.publisher.failures },
      table: this.data.table,
    });

    new CfnOutput(this, 'Url', { value: url, description: 'Public origin: embed.js, /admin/, /api/v1' });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'DistributionDomain', { value: edge.distribution.distributionDomainName });
    new CfnOutput(this, 'SecretParameter', { value: secret.parameterName });
    new CfnOutput(this, 'FailureQueue', { value: this.functions.failures.queueUrl });
    new CfnOutput(this, 'PublishFailureQueue', { value: this.publisher.failures.queueUrl });
    acknowledgeNagFindings(this);
  }
}
