/** cdk-nag AwsSolutions passes on the stack (with and without a custom domain); every acknowledgement has a reason. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { cleanupSynths, SYNTH_TIMEOUT_MS, synthForTest } from './testing.js';

afterAll(cleanupSynths);

type Report = {
  pluginReports: {
    pluginName: string;
    conclusion: string;
    violations: unknown[];
    suppressedViolations: { ruleName: string; reason: string }[];
  }[];
};

const report = (outdir: string) =>
  JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as Report;

describe('cdk-nag AwsSolutions', () => {
  it(
    'passes on the default stack, each accepted finding justified',
    () => {
      const { outdir } = synthForTest();
      const [nag] = report(outdir).pluginReports;
      expect(nag).toMatchObject({ pluginName: 'AwsSolutions', conclusion: 'success', violations: [] });
      expect(nag!.suppressedViolations.length).toBeGreaterThan(0);
      for (const s of nag!.suppressedViolations) expect(s.reason.length, s.ruleName).toBeGreaterThan(40);
    },
    SYNTH_TIMEOUT_MS,
  );

  it(
    'passes with a custom domain, certificate and Route 53 alias (TLS 1.2 floor, no CFR4 acknowledgement)',
    () => {
      const { outdir, template } = synthForTest({
        region: 'us-east-1',
        domain: { name: 'comments.blog.example', hostedZoneId: 'Z0123456789ABC', zoneName: 'blog.example' },
      });
      const [nag] = report(outdir).pluginReports;
      expect(nag!.conclusion).toBe('success');
      expect(nag!.suppressedViolations.map((s) => s.ruleName)).not.toContain('AwsSolutions-CFR4');
      template.hasResourceProperties('AWS::CertificateManager::Certificate', {
        DomainName: 'comments.blog.example',
        ValidationMethod: 'DNS',
      });
      template.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: {
          Aliases: ['comments.blog.example'],
          ViewerCertificate: {
            MinimumProtocolVersion: 'TLSv1.2_2021',
            SslSupportMethod: 'sni-only',
            AcmCertificateArn: { Ref: Match.stringLikeRegexp('^EdgeCertificate') },
          },
        },
      });
      for (const type of ['A', 'AAAA']) {
        template.hasResourceProperties('AWS::Route53::RecordSet', {
          Type: type,
          Name: 'comments.blog.example.',
          HostedZoneId: 'Z0123456789ABC',
        });
      }
      template.hasResourceProperties('AWS::Lambda::Function', {
        Handler: 'lambda.handler',
        Environment: { Variables: { AFTERWORD_PUBLIC_URL: 'https://comments.blog.example' } },
      });
    },
    SYNTH_TIMEOUT_MS,
  );

  it('is live: an unacknowledged finding fails the synth', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'afterword-nag-'));
    onTestFinished(() => rmSync(outdir, { recursive: true, force: true }));
    const app = new App({ outdir });
    const stack = new Stack(app, 'Bare');
    new s3.Bucket(stack, 'Open');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/AwsSolutions-S1/);
  });
});
