/**
 * Baseline for the ingest bench: Express 5, the report validated with zod, then one better-sqlite3
 * INSERT per request on a WAL database with synchronous=FULL (an fsync per commit), answered after
 * it. The plain durable design the product's group commit must beat by 2×.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import express from 'express';
import { z } from 'zod';
import { serveParent } from '../harness/child.ts';

const Report = z.object({
  id: z.string().uuid(),
  category: z.string().min(1).max(16),
  description: z.string().trim().min(1).max(2000),
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  source: z.string(),
});

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'streetchief-bench-sqlite-'));
const db = new Database(path.join(dir, 'baseline.sqlite'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`CREATE TABLE reports (id TEXT PRIMARY KEY, category TEXT NOT NULL, description TEXT NOT NULL,
  lng REAL NOT NULL, lat REAL NOT NULL, source TEXT NOT NULL, reported_at TEXT NOT NULL)`);
const insert = db.prepare('INSERT INTO reports VALUES (@id, @category, @description, @lng, @lat, @source, @reportedAt)');

const app = express();
app.use(express.json());
app.post('/api/incidents', (req, res) => {
  const parsed = Report.safeParse(req.body);
  if (!parsed.success) return void res.status(400).json({ error: 'invalid', issues: parsed.error.issues });
  const row = { ...parsed.data, reportedAt: new Date().toISOString() };
  insert.run(row);
  res.status(201).json({ incident: row });
});
const server = app.listen(0, '127.0.0.1', () => {
  serveParent(
    { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` },
    { count: () => (db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n },
  );
});
process.on('exit', () => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
process.on('SIGTERM', () => process.exit(0));
