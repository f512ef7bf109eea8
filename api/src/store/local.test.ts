/** freePort: a port the caller has promised elsewhere (npm start's PORT and DEMO_PORT) is never handed out. */
import { createServer } from 'node:net';
import { expect, it } from 'vitest';
import { freePort } from './local.js';

it('skips a port it was told to avoid, even when the system offers it again', async () => {
  // The system hands a just-freed port out again (CI: DynamoDB Local took npm start's PORT); offer the avoided one twice first.
  const avoided = await freePort();
  const offered = [avoided, avoided];
  const port = await freePort([avoided], async () => offered.shift() ?? freePort());
  expect(port).not.toBe(avoided);
  // And the answer is a port one can listen on.
  await new Promise<void>((resolve, reject) => {
    const srv = createServer().once('error', reject);
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve()));
  });
});

it('gives up with an error rather than answering an avoided port forever', async () => {
  await expect(freePort([4242], async () => 4242)).rejects.toThrow(/no free port/);
});
