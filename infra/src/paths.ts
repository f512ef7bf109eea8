/** Where the built artefacts the stack deploys live in the repository. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const repoPath = (...parts: string[]) => resolve(REPO_ROOT, ...parts);

/** `npm run build` leaves the Lambda bundles here (lambda.mjs, notify.mjs); the stack ships this directory. */
export const API_DIST = repoPath('api/dist');

/** `npm run build` leaves the embed and the admin page here. */
export const WIDGET_DIST = repoPath('widget/dist');
