/**
 * Baseline for the fan-out bench: plain Socket.IO 4. POST /publish emits the JSON body to every
 * client (`io.emit('event', body)`, encoded once for all). What Socket.IO itself costs over bare
 * `ws`, before any of the product's own work.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { serveParent } from '../harness/child.ts';

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/publish') {
    // Socket.IO answers its own paths; everything else is not found.
    if (!req.url?.startsWith('/socket.io/')) res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    io.emit('event', JSON.parse(Buffer.concat(chunks).toString()));
    res.writeHead(204).end();
  });
});
const io = new Server(server, { transports: ['websocket'] });
server.listen(0, '127.0.0.1', () => {
  serveParent({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }, { clients: () => io.engine.clientsCount });
});
