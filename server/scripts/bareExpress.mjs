/**
 * The start-time baseline: bare Express answering /healthz on PORT, started like the server
 * (`node <file>`), so startTime.ts compares the product's start with the least a Node HTTP server
 * on the same framework needs.
 */
import express from 'express';

const app = express();
app.get('/healthz', (_req, res) => res.json({ ok: true }));
app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1');
