/**
 * Baseline for the ingest bench: bare Express 5 answering each JSON POST with its body, 201.
 * What an HTTP JSON endpoint costs on this machine with nothing behind it.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { serveParent } from '../harness/child.ts';

const app = express();
app.use(express.json());
app.post('/api/incidents', (req, res) => {
  res.status(201).json({ incident: req.body });
});
const server = app.listen(0, '127.0.0.1', () => {
  serveParent({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }, {});
});
