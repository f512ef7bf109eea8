/** CDK property tests of the remote-replies refresher (issue 18, acceptance 5): its schedule, its IAM, its timeout. */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_SCHEMA } from '../../api/src/store/table.js';
import { REFRESH_TABLE_ACTIONS } from './constructs/refresher.js';
import { cleanupSynths, SYNTH_TIMEOUT_MS, synthForTest } from './testing.js';

afterAll(cleanupSynths);

let t: Template;
type Statement = { Action: string | string[]; Resource: unknown };

/** The refresher's role and its inline statements. */
function refresherStatements(): Statement[] {
  const roles = Object.entries(t.findResources('AWS::IAM::Role')).filter(([id]) =>
    id.startsWith('RefresherFnRole'),
  );
  expect(roles).toHaveLength(1);
  return roles.flatMap(([, r]) =>
    r.Properties.Policies.flatMap(
      (p: { PolicyDocument: { Statement: Statement[] } }) => p.PolicyDocument.Statement,
    ),
  );
}

function logicalId(type: string, handler: string): string {
  const found = Object.entries(t.findResources(type)).find(([, r]) => r.Properties.Handler === handler);
  expect(found, handler).toBeDefined();
  return found![0];
}

beforeAll(() => {
  t = synthForTest().template;
}, SYNTH_TIMEOUT_MS);

describe('the refresher', () => {
  it('runs refresher.handler on Node.js 22, arm64, 256 MB, with a 120 s timeout shorter than its schedule', () => {
    t.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'refresher.handler',
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: 256,
      Timeout: 120,
      Environment: {
        Variables: {
          AFTERWORD_TABLE: { Ref: Match.anyValue() },
          AFTERWORD_SECRET_PARAMETER: '/AfterwordTest/secret',
        },
      },
    });
    // A run ends before the rule starts the next one: the function's timeout below the rule's rate.
    const fnId = logicalId('AWS::Lambda::Function', 'refresher.handler');
    const fn = t.findResources('AWS::Lambda::Function')[fnId];
    const [rule] = Object.values(t.findResources('AWS::Events::Rule')).filter((r) =>
      JSON.stringify(r.Properties.Targets).includes(`"${fnId}"`),
    );
    const rate = /^rate\((\d+) minutes?\)$/.exec(rule?.Properties.ScheduleExpression)?.[1];
    expect(rate, 'the rule runs at a rate of minutes').toBeDefined();
    expect(fn?.Properties.Timeout).toBeLessThan(Number(rate) * 60);
  });

  it('is driven by an EventBridge rule every 10 minutes that may invoke it', () => {
    const fn = logicalId('AWS::Lambda::Function', 'refresher.handler');
    t.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(10 minutes)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [fn, 'Arn'] } })],
    });
    t.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [fn, 'Arn'] },
    });
  });

  it('may read and write the table and its indexes only: no Scan, no wildcard, no table admin, no S3 or SES', () => {
    const all = refresherStatements();
    const table = all.find((s) => [s.Action].flat().includes('dynamodb:Query'))!;
    expect([table.Action].flat().sort()).toEqual([...REFRESH_TABLE_ACTIONS].sort());
    expect((table.Resource as unknown[]).length).toBe(1 + TABLE_SCHEMA.indexes.length);
    const actions = all.flatMap((s) => [s.Action].flat());
    expect(actions.filter((a) => a.endsWith('*') || a === 'dynamodb:Scan')).toEqual([]);
    expect(actions.filter((a) => /^(s3|ses|sqs|dynamodb:(Create|Delete|Update)Table)/.test(a))).toEqual([]);
    // Besides the table: the key parameter (ids of remote replies are keyed) and its own logs.
    expect(actions.filter((a) => !a.startsWith('dynamodb:')).sort()).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'ssm:GetParameter',
    ]);
    for (const s of all) expect(JSON.stringify(s.Resource)).not.toMatch(/"\*"/);
  });
});
