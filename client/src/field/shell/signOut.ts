import { HttpError } from '../../api/http.ts';
import { signOut } from '../../api/session.ts';
import { clearFieldData } from '../outbox/idb.ts';

/**
 * Signs out of the field app: the server ends the session first (so a phone with no signal stays
 * signed in rather than half signed out), then everything the app keeps on the phone is forgotten
 * (queue, photos, the cached user, patrol, cases) and the page starts again at the sign-in form.
 * `stop` ends the outbox and the patrol recorder before the data goes. False: the server could not
 * be reached.
 */
export async function signOutOfField(stop: () => void): Promise<boolean> {
  try {
    await signOut();
  } catch (err) {
    // 401: the session had already ended; anything else means it could not be ended.
    if (!(err instanceof HttpError && err.status === 401)) return false;
  }
  stop();
  await clearFieldData().catch(() => {});
  window.location.reload();
  return true;
}
