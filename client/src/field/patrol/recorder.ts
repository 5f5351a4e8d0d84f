import type { TrackPoint } from '@streetchief/shared/domain/patrol';
import { dayOf } from '@streetchief/shared/calendar/day';
import { TrackThinner, type Fix } from '@streetchief/shared/field/track';
import { newUuid } from '../../photos/resize.ts';
import { kvGet, kvSet } from '../outbox/idb.ts';
import type { Outbox } from '../outbox/outbox.ts';

export interface RunningPatrol {
  id: string;
  status: 'active' | 'paused';
  startedAt: string;
  day: string;
}

export interface RecorderState {
  patrol: RunningPatrol | null;
  /** The newest position from the phone, kept or not (what "you are here" shows). */
  fix: Fix | null;
  /** Today's kept fixes, all patrols (the track drawn on the map and the local grid preview). */
  track: readonly Fix[];
  /** Geolocation problem in words, or null. */
  error: string | null;
}

const PATROL_KEY = 'patrol';
const trackKey = (day: string) => `track:${day}`;
/** Fixes kept per day on the phone for drawing; the server has the full track. */
const MAX_LOCAL_FIXES = 5000;

/**
 * Records a patrol: watches the phone's position while the patrol is active, thins the fixes and
 * puts each kept one in the outbox (which sends them in batches), and remembers the running patrol
 * and today's track on the phone, so a reload or a closed browser picks up where it was.
 */
export class PatrolRecorder {
  private state: RecorderState = { patrol: null, fix: null, track: [], error: null };
  private readonly listeners = new Set<() => void>();
  private watchId: number | null = null;
  private thinner = new TrackThinner();
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly outbox: Outbox,
    private readonly geolocation: Geolocation | undefined = typeof navigator !== 'undefined' ? navigator.geolocation : undefined,
  ) {}

  getState = (): RecorderState => this.state;

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Restores the running patrol and today's track; resumes watching an active patrol. */
  async load(): Promise<void> {
    const patrol = (await kvGet<RunningPatrol>(PATROL_KEY).catch(() => undefined)) ?? null;
    const track = (await kvGet<Fix[]>(trackKey(dayOf(Date.now()))).catch(() => undefined)) ?? [];
    this.set({ patrol, track });
    if (patrol?.status === 'active') this.watch();
  }

  async start(): Promise<void> {
    if (this.state.patrol) return;
    const now = new Date();
    const patrol: RunningPatrol = { id: newUuid(), status: 'active', startedAt: now.toISOString(), day: dayOf(now) };
    await this.outbox.enqueue([{ payload: { kind: 'patrol_start', body: { id: patrol.id, at: patrol.startedAt } }, label: 'patrol' }]);
    await kvSet(PATROL_KEY, patrol);
    this.thinner.reset();
    this.set({ patrol });
    this.watch();
  }

  async pause(): Promise<void> {
    await this.act('pause');
  }

  async resume(): Promise<void> {
    await this.act('resume');
  }

  async finish(): Promise<void> {
    await this.act('finish');
  }

  /** Stops watching (the page is going away); the patrol stays running on the phone. */
  dispose(): void {
    this.unwatch();
  }

  private async act(type: 'pause' | 'resume' | 'finish'): Promise<void> {
    const p = this.state.patrol;
    if (!p) return;
    // Points still being written go before the action that ends them.
    await this.writing;
    await this.outbox.enqueue([
      { payload: { kind: 'patrol_action', patrolId: p.id, body: { type, at: new Date().toISOString() } }, label: 'patrol' },
    ]);
    if (type === 'finish') {
      this.unwatch();
      await kvSet(PATROL_KEY, null);
      this.set({ patrol: null });
      return;
    }
    const next: RunningPatrol = { ...p, status: type === 'pause' ? 'paused' : 'active' };
    await kvSet(PATROL_KEY, next);
    this.set({ patrol: next });
    if (type === 'pause') this.unwatch();
    else {
      this.thinner.reset();
      this.watch();
    }
  }

  private watch(): void {
    if (this.watchId !== null || !this.geolocation) {
      if (!this.geolocation) this.set({ error: 'unavailable' });
      return;
    }
    this.watchId = this.geolocation.watchPosition(
      (pos) =>
        this.onFix({ t: pos.timestamp || Date.now(), lng: pos.coords.longitude, lat: pos.coords.latitude, acc: pos.coords.accuracy }),
      (err) => this.set({ error: err.code === err.PERMISSION_DENIED ? 'denied' : 'unavailable' }),
      { enableHighAccuracy: true, maximumAge: 5_000, timeout: 30_000 },
    );
  }

  private unwatch(): void {
    if (this.watchId !== null) this.geolocation?.clearWatch(this.watchId);
    this.watchId = null;
  }

  private onFix(fix: Fix): void {
    this.set({ fix, error: null });
    const patrol = this.state.patrol;
    if (!patrol || patrol.status !== 'active') return;
    const kept = this.thinner.offer(fix);
    if (kept.length === 0) return;
    const day = dayOf(fix.t);
    const points: TrackPoint[] = kept.map((f) => ({
      t: new Date(f.t).toISOString(),
      lng: f.lng,
      lat: f.lat,
      ...(f.acc !== undefined ? { acc: f.acc } : {}),
    }));
    const track = [...(day === dayOf(this.state.track[0]?.t ?? fix.t) ? this.state.track : []), ...kept].slice(-MAX_LOCAL_FIXES);
    this.set({ track });
    // Writes are chained so points reach the outbox in the order they were taken.
    this.writing = this.writing
      .then(() => this.outbox.enqueue([{ payload: { kind: 'track', patrolId: patrol.id, points }, label: 'track' }], { group: patrol.id }))
      .then(() => kvSet(trackKey(day), track))
      .catch((err) => console.warn('[patrol] could not store a point', err));
  }

  private set(patch: Partial<RecorderState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }
}
