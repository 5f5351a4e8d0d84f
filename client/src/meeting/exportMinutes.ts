import { saveBlob } from '../common/download.ts';
import type { MeetingRecord } from './useMinutes.ts';

export type ExportOutcome = 'ok' | 'missing' | 'unauthorized' | { error: string };

/**
 * Downloads the meeting's minutes as XLSX from the server (the same Chinese-headed, streamed
 * exports as cases and indicators): `GET /api/exports/decisions.xlsx?after=<seq>` lists the
 * `decide` events after the meeting's start. 'missing' when the server has no such export yet.
 */
export async function downloadMinutes(record: MeetingRecord, filename: string): Promise<ExportOutcome> {
  let res: Response;
  try {
    res = await fetch(`/api/exports/decisions.xlsx?${new URLSearchParams({ after: String(record.startSeq) })}`, {
      credentials: 'same-origin',
    });
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
  if (res.status === 404) return 'missing';
  if (res.status === 401) return 'unauthorized';
  if (!res.ok) return { error: `HTTP ${res.status}` };
  saveBlob(filename, await res.blob());
  return 'ok';
}
