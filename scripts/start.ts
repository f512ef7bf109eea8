/** `npm start`: the whole local stack, stopped cleanly by Ctrl-C. */
import { loadConfig } from '../api/src/config.js';
import { NO_SCRIPT_POST, seedNoScriptPost } from '../demo-site/seed.js';
import { DEMO_SITE, startStack } from './stack.js';

const config = loadConfig();
const log = (line: string) => console.log(`[afterword] ${line}`);
const stack = await startStack(config, log).catch((err: Error) => {
  console.error(`[afterword] could not start: ${err.message}`);
  process.exit(1);
});
// Ctrl-C stops cleanly from here on, the demo's seeding below included (health already answers 200).
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    log('stopping ...');
    await stack.stop();
    log('stopped');
    process.exit(0);
  });
}
const api = `http://localhost:${new URL(stack.api.url).port}`;
// The post built with its thread shows comments without JavaScript from the first start on.
await seedNoScriptPost(api, DEMO_SITE, stack.config.dataDir).then(
  (posted) => posted && log(`seeded 3 comments on ${NO_SCRIPT_POST}, the demo post built with its thread`),
  (err: Error) => log(`could not seed ${NO_SCRIPT_POST}: ${err.message}`),
);
console.log(`
  Afterword is running.
    API         ${api}/api/v1/health
    Embed       ${api}/embed.js
    Admin       ${api}/admin/  (log in as ${stack.demoModerator.email}, password ${stack.demoModerator.password})
    Demo blog   ${stack.demo.url}/
    Mail        ${stack.notify.mail} (MAIL_TRANSPORT=smtp with SMTP_URL sends it for real)

  Embed snippet for the demo site:
    <div id="afterword"></div>
    <script src="${api}/embed.js" data-site="demo" async></script>

  Ctrl-C stops everything; data stays in ${config.dataDir}.
`);
