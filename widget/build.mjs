// Builds every Vite config of the widget workspace that exists: the embed, then the admin page.
import { existsSync } from 'node:fs';
import { build } from 'vite';

for (const config of ['vite.config.ts', 'vite.admin.config.ts']) {
  if (existsSync(config)) await build({ configFile: config, logLevel: 'warn' });
}
