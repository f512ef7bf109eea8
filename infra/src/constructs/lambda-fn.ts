/** One Afterword Lambda: Node.js 22 on arm64 from the api/dist asset, its own log group and an explicit role. */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

export type AfterwordFunctionProps = Omit<
  lambda.FunctionProps,
  'runtime' | 'architecture' | 'role' | 'logGroup'
> & {
  /** Everything the function may do besides writing its own logs. */
  statements: iam.PolicyStatement[];
};

/** Children `<id>Logs`, `<id>Role` and `<id>` of `scope` (one-month log retention, least-privilege role). */
export function afterwordFunction(scope: Construct, id: string, o: AfterwordFunctionProps): lambda.Function {
  const { statements, ...props } = o;
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
    retention: logs.RetentionDays.ONE_MONTH,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const role = new iam.Role(scope, `${id}Role`, {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    inlinePolicies: {
      access: new iam.PolicyDocument({
        statements: [
          ...statements,
          new iam.PolicyStatement({
            actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            resources: [logGroup.logGroupArn],
          }),
        ],
      }),
    },
  });
  return new lambda.Function(scope, id, {
    ...props,
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: lambda.Architecture.ARM_64,
    role,
    logGroup,
  });
}
