import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The worker's file name; a compiled build copies it flat beside its bundle. */
export const WRITER_WORKER_FILE = 'writer.worker.mjs';

/**
 * Where the SQLite writer's worker entry is, in this order: `SQLITE_WRITER_WORKER` (a path, for
 * a layout none of the others fits); beside this module (the source tree under tsx or vitest,
 * and a bundle in server/dist/ since the build copies `*.worker.mjs` there); beside the script
 * that started the process (a bundle that moved `import.meta.url` elsewhere).
 */
export function writerWorkerUrl(env: NodeJS.ProcessEnv = process.env): URL {
  const override = env.SQLITE_WRITER_WORKER;
  if (override) return pathToFileURL(path.resolve(override));
  const besideModule = new URL(`./${WRITER_WORKER_FILE}`, import.meta.url);
  if (fs.existsSync(fileURLToPath(besideModule))) return besideModule;
  const script = process.argv[1];
  if (script) {
    const besideScript = path.join(path.dirname(path.resolve(script)), WRITER_WORKER_FILE);
    if (fs.existsSync(besideScript)) return pathToFileURL(besideScript);
  }
  throw new Error(`${WRITER_WORKER_FILE} not found beside ${fileURLToPath(besideModule)}; set SQLITE_WRITER_WORKER to its path`);
}
