import { ICON_PIXEL_RATIO, iconCanvas } from './markerIcons.ts';

/**
 * Patrol staff on the wall map: a map pin, a shape no case marker has (those are round, square,
 * triangular, diamond, octagonal), in a colour none of them uses, with a white rim and a dark halo
 * so it stands out over case markers and shaded grids. A stale position (no fix for two minutes)
 * is a hollow grey pin.
 */
export const PATROL_COLOURS = { pin: '#e879f9', track: '#e879f9', casing: '#1e0526', patrolled: '#34d399', stale: '#94a3b8' };
export const PATROL_IMAGES = { fresh: 'patrol-fresh', stale: 'patrol-stale' } as const;
export type PatrolLook = keyof typeof PATROL_IMAGES;

/** The pin's size on a 1920×1080 wall, CSS pixels (width × height); its tip is the position. */
export const PATROL_PIN_CSS = { w: 26, h: 34 };

export function drawPatrolPin(look: PatrolLook, pixelRatio = ICON_PIXEL_RATIO): HTMLCanvasElement {
  const { canvas, ctx, w, h } = iconCanvas(PATROL_PIN_CSS.w, PATROL_PIN_CSS.h, pixelRatio);
  if (!ctx) return canvas;
  const halo = 2.5 * pixelRatio;
  const rim = 2 * pixelRatio;
  const r = w / 2 - halo - rim / 2;
  const cx = w / 2;
  const cy = halo + rim / 2 + r;
  const tip = h - halo;
  const pin = () => {
    // A circle whose lower part narrows to the tip.
    const a = Math.asin(Math.min(1, r / (tip - cy)));
    ctx.beginPath();
    ctx.arc(cx, cy, r, Math.PI / 2 + a, Math.PI / 2 - a);
    ctx.lineTo(cx, tip);
    ctx.closePath();
  };
  ctx.lineJoin = 'round';
  pin();
  ctx.lineWidth = rim + 2 * halo;
  ctx.strokeStyle = 'rgba(5, 11, 22, 0.85)';
  ctx.stroke();
  pin();
  if (look === 'fresh') {
    ctx.fillStyle = PATROL_COLOURS.pin;
    ctx.fill();
  }
  ctx.lineWidth = rim;
  ctx.strokeStyle = look === 'fresh' ? '#ffffff' : PATROL_COLOURS.stale;
  ctx.stroke();
  // The head: a white dot (a hollow ring when stale).
  ctx.beginPath();
  ctx.arc(cx, cy, r * 0.38, 0, 2 * Math.PI);
  if (look === 'fresh') {
    ctx.fillStyle = '#ffffff';
    ctx.fill();
  } else {
    ctx.lineWidth = rim;
    ctx.stroke();
  }
  return canvas;
}

/** Both pins' pixels, for `map.addImage(name, data, { pixelRatio: ICON_PIXEL_RATIO })`. */
export function patrolImages(): { name: string; data: ImageData }[] {
  return (Object.keys(PATROL_IMAGES) as PatrolLook[]).map((look) => {
    const canvas = drawPatrolPin(look);
    return { name: PATROL_IMAGES[look], data: canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height) };
  });
}

const urls = new Map<PatrolLook, string>();

/** A data URL of the pin, for the legend. */
export function patrolPinDataUrl(look: PatrolLook): string {
  let url = urls.get(look);
  if (!url) urls.set(look, (url = drawPatrolPin(look, 3).toDataURL('image/png')));
  return url;
}
