/** Hands `blob` to the browser as a download named `filename` (the one way every screen saves a file). */
export function saveBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started by then; the blob can go.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Hands `text` to the browser as a download named `filename` (a CSV built in the page). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  saveBlob(filename, new Blob([text], { type }));
}
