/**
 * Baseline for the fan-out bench: a bare `ws` server. POST /publish sends the body, as is, to every
 * connected client (one text frame each). The least a Node live feed can do per event.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { serveParent } from '../harness/child.ts';

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/publish') return void res.writeHead(404).end();
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const data = Buffer.concat(chunks).toString();
    for (const client of wss.clients) client.send(data);
    res.writeHead(204).end();
  });
});
const wss = new WebSocketServer({ server });
server.listen(0, '127.0.0.1', () => {
  serveParent({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }, { clients: () => wss.clients.size });
});
