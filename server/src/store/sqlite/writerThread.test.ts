import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { WriterThread } from './writerThread.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'streetchief-writer-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('answers statements inside a transaction in order, small answers through shared memory and a 3 MiB blob through the port', async () => {
  const w = await WriterThread.start(path.join(dir, 'w.sqlite'), 1000);
  try {
    await w.run('CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)', []);
    await w.run('BEGIN IMMEDIATE', []);
    const big = Buffer.alloc(3 << 20, 7);
    await w.runNow('INSERT INTO t (id, b) VALUES (?, ?)', [1, big]);
    await w.runNow('INSERT INTO t (id, b) VALUES (?, ?)', [2, Buffer.from('small')]);
    const small = await w.runNow('SELECT id, b FROM t WHERE id = ?', [2]);
    expect(small.rows).toEqual([{ id: 2, b: Buffer.from('small') }]);
    const large = await w.runNow('SELECT b FROM t WHERE id = ?', [1]);
    const blob = (large.rows[0] as { b: Buffer }).b;
    expect(Buffer.isBuffer(blob)).toBe(true);
    expect(blob.equals(big)).toBe(true);
    // Answers after the large one still match their statements.
    expect((await w.runNow('SELECT count(*) AS n FROM t', [])).rows).toEqual([{ n: 2 }]);
    await expect(w.runNow('SELECT nope FROM t', [])).rejects.toThrow(/no such column/);
    await w.run('COMMIT', []);
  } finally {
    await w.close();
  }
});
