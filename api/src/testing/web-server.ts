/** A small web server on loopback for outbound tests: answers set per path, every request it got kept. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
}

export type Route = Answer | ((req: IncomingMessage, res: ServerResponse) => void);

export interface WebServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `127.0.0.1:<port>`, the entry to put on the outbound allow-list. */
  host: string;
  port: number;
  /** Paths (with query) asked for, in order. */
  hits: string[];
  /** Sets (or replaces) what a path answers; an unknown path answers 404. */
  set(path: string, route: Route): void;
  close(): Promise<void>;
}

export async function startWebServer(routes: Record<string, Route> = {}): Promise<WebServer> {
  const table = new Map(Object.entries(routes));
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const route = table.get(req.url ?? '') ?? table.get((req.url ?? '').split('?')[0]!);
    if (typeof route === 'function') return route(req, res);
    const a = route ?? { status: 404, body: 'not here' };
    res.writeHead(a.status ?? 200, { 'content-type': 'text/html; charset=utf-8', ...a.headers });
    res.end(a.body ?? '');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    port,
    hits,
    set: (path, route) => void table.set(path, route),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
