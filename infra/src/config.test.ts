/** The deploy config: the committed example validates; bad values are named; domain rules hold. */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  EXAMPLE_CONFIG_FILE,
  exampleValues,
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

describe('example values left in', () => {
  const dir = mkdtempSync(join(tmpdir(), 'afterword-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const own = {
    region: 'eu-west-1',
    mail: { from: 'Notes <comments@notes.dev>' },
    alarmEmail: 'me@notes.dev',
    sites: [{ id: 'notes', origins: ['https://notes.dev', 'http://localhost:1313'] }],
  };
  const messageOf = (f: () => unknown) => {
    try {
      f();
      return '';
    } catch (err) {
      return (err as Error).message;
    }
  };

  it('refuses the example copied unchanged for a deploy, naming each field', () => {
    const copy = join(dir, 'afterword.config.json');
    copyFileSync(EXAMPLE_CONFIG_FILE, copy);
    const message = messageOf(() => loadDeployConfig(copy, 'deploy'));
    expect(message).toContain('still holds example values');
    for (const field of ['mail.from', 'alarmEmail', 'sites[0].origins[0]'])
      expect(message).toContain(`${field}: `);
    expect(message).toContain('"owner@example.com" (example.com is a reserved example domain)');
    // The example itself, given as the file to deploy, says what to do first.
    expect(messageOf(() => loadDeployConfig(EXAMPLE_CONFIG_FILE, 'deploy'))).toMatch(
      /copy afterword\.config/,
    );
  });

  it('passes an owner’s own values (a local preview origin included)', () => {
    const file = join(dir, 'own.json');
    writeFileSync(file, JSON.stringify(own));
    expect(loadDeployConfig(file, 'deploy').config.sites[0]?.id).toBe('notes');
    expect(exampleValues(parseDeployConfig(own))).toEqual([]);
  });

  it('finds reserved names and AWS sample ids anywhere in the config', () => {
    const found = exampleValues(
      parseDeployConfig({
        ...own,
        region: 'us-east-1',
        mail: { from: 'c@mail.notes.dev', identity: 'notes.test' },
        domain: {
          name: 'comments.blog.example',
          hostedZoneId: 'Z3M3LMPEXAMPLE',
          zoneName: 'blog.example',
          certificateArn:
            'arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-0b0a-0908-0706-050403020100',
        },
        sites: [
          { id: 'a', origins: ['https://notes.dev'] },
          { id: 'b', origins: ['https://x.invalid/'] },
        ],
      }),
    ).map((line) => line.split(':')[0]);
    expect(found).toEqual([
      'mail.identity',
      'domain.name',
      'domain.zoneName',
      'domain.hostedZoneId',
      'domain.certificateArn',
      'sites[1].origins[0]',
    ]);
  });

  it('warns on stderr when a plain synth or cdk deploy reads a file with example values', () => {
    const copy = join(dir, 'synth.json');
    copyFileSync(EXAMPLE_CONFIG_FILE, copy);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      loadDeployConfig(copy);
      expect(warn.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(
        /example value left in: alarmEmail/,
      );
      warn.mockClear();
      loadDeployConfig(EXAMPLE_CONFIG_FILE);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});
