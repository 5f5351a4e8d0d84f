import { MARKER_KINDS, MARKER_LOOK, type MarkerKind, type MarkerShape } from './markerKinds.ts';

/** Icons are drawn at this many device pixels per CSS pixel, so they stay sharp on 4K walls. */
export const ICON_PIXEL_RATIO = 3;

const OUTLINE = 'rgba(255,255,255,0.95)';
const INK = '#0b1220';

function polygon(ctx: CanvasRenderingContext2D, cx: number, cy: number, r: number, sides: number, rotation: number): void {
  ctx.beginPath();
  for (let i = 0; i < sides; i++) {
    const a = rotation + (i * 2 * Math.PI) / sides;
    const x = cx + r * Math.cos(a);
    const y = cy + r * Math.sin(a);
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  }
  ctx.closePath();
}

function fillAndOutline(ctx: CanvasRenderingContext2D, colour: string, line: number): void {
  ctx.fillStyle = colour;
  ctx.fill();
  ctx.lineWidth = line;
  ctx.strokeStyle = OUTLINE;
  ctx.stroke();
}

/** Draws one shape centred in a square canvas of side `s` device pixels. */
function drawShape(ctx: CanvasRenderingContext2D, shape: MarkerShape, colour: string, s: number): void {
  const c = s / 2;
  const line = Math.max(2, s * 0.07);
  const r = c - line;
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  switch (shape) {
    case 'circle-check': {
      ctx.beginPath();
      ctx.arc(c, c, r, 0, 2 * Math.PI);
      fillAndOutline(ctx, colour, line);
      ctx.beginPath();
      ctx.moveTo(c - r * 0.5, c + r * 0.02);
      ctx.lineTo(c - r * 0.12, c + r * 0.4);
      ctx.lineTo(c + r * 0.52, c - r * 0.36);
      ctx.lineWidth = line * 1.3;
      ctx.strokeStyle = INK;
      ctx.stroke();
      return;
    }
    case 'pause-square':
    case 'square': {
      const k = r * 0.86;
      ctx.beginPath();
      ctx.roundRect(c - k, c - k, 2 * k, 2 * k, shape === 'pause-square' ? k * 0.35 : k * 0.12);
      fillAndOutline(ctx, colour, line);
      ctx.fillStyle = INK;
      if (shape === 'pause-square') {
        ctx.fillRect(c - k * 0.45, c - k * 0.5, k * 0.28, k);
        ctx.fillRect(c + k * 0.17, c - k * 0.5, k * 0.28, k);
      } else {
        ctx.fillRect(c - k * 0.3, c - k * 0.3, k * 0.6, k * 0.6);
      }
      return;
    }
    case 'ring': {
      ctx.beginPath();
      ctx.arc(c, c, r, 0, 2 * Math.PI);
      fillAndOutline(ctx, colour, line);
      // A three-quarter ring: "work under way".
      ctx.beginPath();
      ctx.arc(c, c, r * 0.5, -Math.PI / 2, Math.PI);
      ctx.lineWidth = line * 1.3;
      ctx.strokeStyle = INK;
      ctx.stroke();
      return;
    }
    case 'triangle': {
      // Point up; the centroid sits a little below the middle so it looks centred.
      polygon(ctx, c, c + r * 0.12, r * 1.02, 3, -Math.PI / 2);
      fillAndOutline(ctx, colour, line);
      ctx.beginPath();
      ctx.arc(c, c + r * 0.22, r * 0.16, 0, 2 * Math.PI);
      ctx.fillStyle = INK;
      ctx.fill();
      return;
    }
    case 'diamond': {
      polygon(ctx, c, c, r, 4, -Math.PI / 2);
      fillAndOutline(ctx, colour, line);
      ctx.beginPath();
      ctx.arc(c, c, r * 0.2, 0, 2 * Math.PI);
      ctx.fillStyle = INK;
      ctx.fill();
      return;
    }
    case 'octagon-bang': {
      polygon(ctx, c, c, r, 8, Math.PI / 8);
      fillAndOutline(ctx, colour, line);
      // "!" in white: a bar and a dot.
      ctx.fillStyle = '#ffffff';
      ctx.beginPath();
      ctx.roundRect(c - r * 0.11, c - r * 0.58, r * 0.22, r * 0.72, r * 0.1);
      ctx.fill();
      ctx.beginPath();
      ctx.arc(c, c + r * 0.4, r * 0.13, 0, 2 * Math.PI);
      ctx.fill();
      return;
    }
  }
}

/**
 * A blank icon canvas of `cssW × cssH` CSS pixels at `pixelRatio`, for the map's images (markers,
 * patrol pins, report marks): its device-pixel size and its 2D context (null where the browser
 * gives none: the blank canvas is still a valid image).
 */
export function iconCanvas(cssW: number, cssH: number, pixelRatio: number) {
  const w = Math.round(cssW * pixelRatio);
  const h = Math.round(cssH * pixelRatio);
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  return { canvas, ctx: canvas.getContext('2d'), w, h };
}

/** A canvas with the marker of `kind` at `cssSize` CSS pixels (default: its wall size). */
export function drawMarker(kind: MarkerKind, pixelRatio = ICON_PIXEL_RATIO, cssSize?: number): HTMLCanvasElement {
  const look = MARKER_LOOK[kind];
  const size = cssSize ?? look.size;
  const { canvas, ctx, w } = iconCanvas(size, size, pixelRatio);
  if (ctx) drawShape(ctx, look.shape, look.colour, w);
  return canvas;
}

/** The ImageData of every marker, for `map.addImage(kind, data, { pixelRatio })`. */
export function markerImages(): { kind: MarkerKind; data: ImageData }[] {
  return MARKER_KINDS.map((kind) => {
    const canvas = drawMarker(kind);
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    return { kind, data };
  });
}

const urlCache = new Map<MarkerKind, string>();

/** A data URL of the marker, for legends and lists (the same drawing as on the map). */
export function markerDataUrl(kind: MarkerKind): string {
  let url = urlCache.get(kind);
  if (!url) {
    url = drawMarker(kind, 3).toDataURL('image/png');
    urlCache.set(kind, url);
  }
  return url;
}
