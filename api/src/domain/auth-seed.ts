/** The local demo moderator: a password generated once into the data dir, an owner account on the demo site. */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../store/index.js';
import { hashPassword, verifyPassword } from './password.js';

export const DEMO_MODERATOR_EMAIL = 'demo@localhost';

export async function ensureDemoModerator(
  store: Store,
  dataDir: string,
  site: string,
): Promise<{ email: string; password: string }> {
  const file = join(dataDir, 'demo-moderator-password');
  let password: string;
  try {
    password = readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    password = randomBytes(12).toString('base64url');
    writeFileSync(file, `${password}\n`, { mode: 0o600 });
  }
  const email = DEMO_MODERATOR_EMAIL;
  const existing = await store.moderators.get(email);
  if (!existing || !(await verifyPassword(password, existing.passwordHash))) {
    await store.moderators.upsert(email, {
      name: 'Demo moderator',
      passwordHash: await hashPassword(password),
    });
  }
  const roles = await store.moderators.memberships(email);
  if (!roles.some((m) => m.site === site && m.role === 'owner'))
    await store.moderators.grant(email, site, 'owner');
  return { email, password };
}
