/** The part of a MapLibre map the pulse touches (a fake in tests). */
export interface PaintTarget {
  getLayer(id: string): unknown;
  setPaintProperty(layer: string, property: string, value: unknown): unknown;
}

export interface HaloPulseOptions {
  layer: string;
  /** The halo's resting radius now (it follows the wall's scale). */
  baseRadius: () => number;
  /** Pulse only while this is true (there are overdue markers); otherwise rest and cost nothing. */
  active: () => boolean;
  /** One beat, ms: the halo grows for one beat and shrinks for the next. */
  beatMs?: number;
  /** How long each grow/shrink animates, ms; the rest of the beat the map is idle (no frames drawn). */
  transitionMs?: number;
}

/** The halo at rest and fully out; MapLibre's paint transitions animate between them. */
const REST = { scale: 1, opacity: 0.3, stroke: 0.95 };
const OUT = { scale: 1.6, opacity: 0.04, stroke: 0.15 };

/**
 * Makes the overdue halos beat: one `setPaintProperty` per property per beat, and MapLibre's own
 * paint transitions draw the frames in between (no layer or source is rebuilt, no per-frame
 * JavaScript). The transition (300 ms) is much shorter than the beat (1 s), so the map draws frames
 * under a third of the time and is idle the rest: a wall without a real GPU (software WebGL) stays
 * responsive. With nothing overdue, or `prefers-reduced-motion`, the halo rests and nothing runs.
 */
export class HaloPulse {
  private timer: ReturnType<typeof setInterval> | null = null;
  private out = false;
  private readonly beatMs: number;

  constructor(
    private readonly map: PaintTarget,
    private readonly opts: HaloPulseOptions,
  ) {
    this.beatMs = opts.beatMs ?? 1000;
  }

  start(): void {
    if (this.timer || !this.map.getLayer(this.opts.layer)) return;
    const transition = { duration: Math.min(this.opts.transitionMs ?? 300, this.beatMs), delay: 0 };
    for (const p of ['circle-radius', 'circle-opacity', 'circle-stroke-opacity'])
      this.map.setPaintProperty(this.opts.layer, `${p}-transition`, transition);
    this.timer = setInterval(() => this.beat(), this.beatMs);
  }

  /** Stops the timer and leaves the halo at rest. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.out) this.paint(false);
  }

  /** Applies the resting radius (after the wall's scale changed). */
  rescale(): void {
    this.paint(this.out);
  }

  private beat(): void {
    if (!this.opts.active()) {
      if (this.out) this.paint(false);
      return;
    }
    this.paint(!this.out);
  }

  private paint(out: boolean): void {
    this.out = out;
    const look = out ? OUT : REST;
    const layer = this.opts.layer;
    if (!this.map.getLayer(layer)) return;
    this.map.setPaintProperty(layer, 'circle-radius', this.opts.baseRadius() * look.scale);
    this.map.setPaintProperty(layer, 'circle-opacity', look.opacity);
    this.map.setPaintProperty(layer, 'circle-stroke-opacity', look.stroke);
  }
}

/** True when the user asked the system for less motion. */
export function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && !!window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
}
