/** The key for tokens and hashes: an SSM SecureString generated inside AWS at deploy time, never in the template. */
import { Arn, CustomResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/**
 * Custom-resource handler (CommonJS, inline). Create (or a rename): PutParameter with 32 random bytes,
 * keeping an existing parameter (a redeploy after `destroy` finds the retained table and must keep its
 * key), whose value it then reads. Update: reads the value. Either way it returns `EdgeKey`, the HMAC
 * CloudFront sends to the API (`edgeKey()` in api/src/domain/tokens.ts: key = the parameter's value,
 * data = "edge\0cloudfront", hex), with NoEcho so CloudFormation masks it. Delete: nothing, for the
 * same reason. It answers CloudFormation itself, so no provider framework.
 */
export const SECRET_HANDLER_SOURCE = `
const { createHmac, randomBytes } = require('node:crypto');
const edgeKey = (value) => createHmac('sha256', value).update('edge\\u0000cloudfront').digest('hex');
exports.handler = async (event, context) => {
  const name = event.ResourceProperties.Name;
  let status = 'SUCCESS';
  let reason = 'ok';
  const data = {};
  try {
    if (event.RequestType !== 'Delete') {
      const { SSMClient, PutParameterCommand, GetParameterCommand } = require('@aws-sdk/client-ssm');
      const ssm = new SSMClient({});
      const read = async () => {
        const out = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
        return out.Parameter.Value;
      };
      const renamed = event.RequestType === 'Update' && event.OldResourceProperties.Name !== name;
      let value;
      if (event.RequestType === 'Create' || renamed) {
        const fresh = randomBytes(32).toString('base64url');
        try {
          await ssm.send(new PutParameterCommand({
            Name: name, Type: 'SecureString', Value: fresh, Overwrite: false,
            Description: 'Afterword key for tokens and hashes (generated at deploy)',
          }));
          value = fresh;
        } catch (err) {
          if (err.name !== 'ParameterAlreadyExists') throw err;
          value = await read();
        }
      } else {
        value = await read();
      }
      data.EdgeKey = edgeKey(value);
    }
  } catch (err) {
    status = 'FAILED';
    reason = String(err && err.message) + ' (log stream ' + context.logStreamName + ')';
  }
  const body = JSON.stringify({
    Status: status, Reason: reason, PhysicalResourceId: name, StackId: event.StackId,
    RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId, NoEcho: true, Data: data,
  });
  await fetch(event.ResponseURL, { method: 'PUT', headers: { 'content-type': '' }, body });
};
`;

export class DeploySecret extends Construct {
  readonly parameterName: string;
  readonly parameterArn: string;
  /** Functions reading the key depend on this, so it exists before their first cold start. */
  readonly resource: CustomResource;
  /**
   * The value CloudFront puts in `X-Afterword-Edge` on its requests to the API (a deploy-time token:
   * a GetAtt of the custom resource, masked by NoEcho, never a literal in the template).
   */
  readonly edgeKey: string;

  constructor(scope: Construct, id: string, props: { parameterName: string }) {
    super(scope, id);
    const stack = Stack.of(this);
    this.parameterName = props.parameterName;
    this.parameterArn = Arn.format(
      { service: 'ssm', resource: 'parameter', resourceName: props.parameterName.replace(/^\//, '') },
      stack,
    );
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      inlinePolicies: {
        secret: new iam.PolicyDocument({
          statements: [
            // GetParameter (with decryption) to derive the edge key from an existing value. The
            // parameter uses the AWS managed key aws/ssm, whose key policy lets the account's principals
            // decrypt through SSM: as for the API Lambda (functions.ts), no kms statement is needed.
            new iam.PolicyStatement({
              actions: ['ssm:PutParameter', 'ssm:GetParameter'],
              resources: [this.parameterArn],
            }),
            new iam.PolicyStatement({
              actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              resources: [logGroup.logGroupArn],
            }),
          ],
        }),
      },
    });
    const fn = new lambda.Function(this, 'Generator', {
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromInline(SECRET_HANDLER_SOURCE),
      memorySize: 128,
      timeout: Duration.seconds(30),
      role,
      logGroup,
    });
    this.resource = new CustomResource(this, 'Parameter', {
      serviceToken: fn.functionArn,
      resourceType: 'Custom::AfterwordSecret',
      // `Returns` names the attribute the handler answers with; it also changed the properties of
      // stacks deployed before the edge key existed, so their next deploy sends an Update that returns it.
      properties: { Name: props.parameterName, Returns: 'EdgeKey' },
    });
    this.edgeKey = this.resource.getAttString('EdgeKey');
  }
}
