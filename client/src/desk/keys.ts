/** Is the key event meant for a text field (or a select/checkbox), so page shortcuts must stay out of it? */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/** A plain key press a page shortcut may take: no Ctrl/Alt/Meta (those belong to the browser). */
export function isPlainKey(e: KeyboardEvent): boolean {
  return !e.ctrlKey && !e.altKey && !e.metaKey && !e.isComposing && !e.defaultPrevented;
}
