/** The key for tokens and hashes: an SSM SecureString generated inside AWS at deploy time, never in the template. */
import { Arn, CustomResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/**
 * Custom-resource handler (CommonJS, inline). Create: PutParameter with 32 random bytes, keeping an
 * existing parameter (a redeploy after `destroy` finds the retained table and must keep its key).
 * Delete: nothing, for the same reason. It answers CloudFormation itself, so no provider framework.
 */
export const SECRET_HANDLER_SOURCE = `
const { randomBytes } = require('node:crypto');
exports.handler = async (event, context) => {
  const name = event.ResourceProperties.Name;
  let status = 'SUCCESS';
  let reason = 'ok';
  try {
    const renamed = event.RequestType === 'Update' && event.OldResourceProperties.Name !== name;
    if (event.RequestType === 'Create' || renamed) {
      const { SSMClient, PutParameterCommand } = require('@aws-sdk/client-ssm');
      const value = randomBytes(32).toString('base64url');
      try {
        await new SSMClient({}).send(new PutParameterCommand({
          Name: name, Type: 'SecureString', Value: value, Overwrite: false,
          Description: 'Afterword key for tokens and hashes (generated at deploy)',
        }));
      } catch (err) {
        if (err.name !== 'ParameterAlreadyExists') throw err;
      }
    }
  } catch (err) {
    status = 'FAILED';
    reason = String(err && err.message) + ' (log stream ' + context.logStreamName + ')';
  }
  const body = JSON.stringify({
    Status: status, Reason: reason, PhysicalResourceId: name, StackId: event.StackId,
    RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId, Data: {},
  });
  await fetch(event.ResponseURL, { method: 'PUT', headers: { 'content-type': '' }, body });
};
`;

export class DeploySecret extends Construct {
  readonly parameterName: string;
  readonly parameterArn: string;
  /** Functions reading the key depend on this, so it exists before their first cold start. */
  readonly resource: CustomResource;

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
            new iam.PolicyStatement({ actions: ['ssm:PutParameter'], resources: [this.parameterArn] }),
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
      properties: { Name: props.parameterName },
    });
  }
}
