/** The deploy config: the committed example validates; bad values are named; domain rules hold. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  EXAMPLE_CONFIG_FILE,
  loadDeployConfig,
  mailIdentity,
  parseDeployConfig,
  senderAddress,
} from './config.js';

const base = {
  region: 'eu-west-1',
  mail: { from: 'Blog <c@mail.blog.example>' },
  alarmEmail: 'me@blog.example',
};

describe('deploy config', () => {
  it('accepts the committed example and fills defaults', () => {
    const { config } = loadDeployConfig(EXAMPLE_CONFIG_FILE);
    expect(config.region).toBe('us-east-1');
    expect(config.sites[0]?.id).toBe('blog');
    const minimal = parseDeployConfig(base);
    expect(minimal).toMatchObject({ stackName: 'Afterword', sites: [], throttle: { rate: 50, burst: 100 } });
    const slash = parseDeployConfig({ ...base, sites: [{ id: 'b', origins: ['https://blog.example/'] }] });
    expect(slash.sites[0]?.origins).toEqual(['https://blog.example/']);
    expect(() =>
      parseDeployConfig({ ...base, sites: [{ id: 'b', origins: ['https://blog.example/path'] }] }),
    ).toThrow(/origins/);
    expect(JSON.parse(readFileSync(EXAMPLE_CONFIG_FILE, 'utf8')).alarmEmail).toBe('owner@example.com');
  });

  it('names every bad field at once', () => {
    const bad = {
      region: 'Europe',
      mail: { from: 'nobody' },
      alarmEmail: 'x',
      sites: [{ id: 'Bad Id', origins: [] }],
    };
    const message = (() => {
      try {
        parseDeployConfig(bad);
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    })();
    for (const field of ['region', 'mail.from', 'alarmEmail', 'sites[0].id', 'sites[0].origins']) {
      expect(message).toContain(field);
    }
  });

  it('requires a us-east-1 certificate for a custom domain unless the stack can create one', () => {
    expect(() => parseDeployConfig({ ...base, domain: { name: 'c.blog.example' } })).toThrow(
      /certificateArn/,
    );
    expect(() =>
      parseDeployConfig({
        ...base,
        domain: {
          name: 'c.blog.example',
          certificateArn:
            'arn:aws:acm:eu-west-1:123456789012:certificate/0f0e0d0c-0b0a-0908-0706-050403020100',
        },
      }),
    ).toThrow(/certificateArn/);
    const ok = parseDeployConfig({
      ...base,
      domain: {
        name: 'c.blog.example',
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-0b0a-0908-0706-050403020100',
      },
    });
    expect(ok.domain?.name).toBe('c.blog.example');
    expect(() =>
      parseDeployConfig({
        ...base,
        region: 'us-east-1',
        domain: { name: 'c.blog.example', hostedZoneId: 'Z123', zoneName: 'other.example' },
      }),
    ).toThrow(/zoneName/);
    expect(() =>
      parseDeployConfig({ ...base, domain: { name: 'c.blog.example', hostedZoneId: 'Z123' } }),
    ).toThrow(/together/);
  });

  it('derives the SES identity from the sender unless given', () => {
    expect(senderAddress('Blog <c@mail.blog.example>')).toBe('c@mail.blog.example');
    expect(senderAddress('c@blog.example')).toBe('c@blog.example');
    expect(mailIdentity(parseDeployConfig(base))).toBe('mail.blog.example');
    expect(
      mailIdentity(parseDeployConfig({ ...base, mail: { ...base.mail, identity: 'blog.example' } })),
    ).toBe('blog.example');
  });
});
