import { ICON_PIXEL_RATIO, iconCanvas } from './markerIcons.ts';

/**
 * The wall's daily-report marks (日巡日报) per grid: a white report sheet with a green check where
 * every expected report is filed, and a dashed amber inner outline where some are not yet. Shapes
 * unlike any case marker (those are round, square, triangular), and each mark has its own shape,
 * not only its own colour.
 */
export const FILING_IMAGE = 'filing-done';
export const FILING_COLOURS = { sheet: '#f1f5f9', check: '#16a34a', ink: '#0b1220', due: '#fbbf24' };
/** The sheet's size on a 1920×1080 wall, CSS pixels (width × height). */
const SHEET_CSS = { w: 14, h: 17 };

/** A canvas with the "all filed" sheet: a page with a folded corner and a check mark. */
export function drawFilingSheet(pixelRatio = ICON_PIXEL_RATIO): HTMLCanvasElement {
  const { canvas, ctx, w, h } = iconCanvas(SHEET_CSS.w, SHEET_CSS.h, pixelRatio);
  if (!ctx) return canvas;
  const line = Math.max(1.5, pixelRatio);
  const x0 = line / 2;
  const y0 = line / 2;
  const x1 = w - line / 2;
  const y1 = h - line / 2;
  const fold = w * 0.32;
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  // The page, its top-right corner folded.
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1 - fold, y0);
  ctx.lineTo(x1, y0 + fold);
  ctx.lineTo(x1, y1);
  ctx.lineTo(x0, y1);
  ctx.closePath();
  ctx.fillStyle = FILING_COLOURS.sheet;
  ctx.fill();
  ctx.lineWidth = line;
  ctx.strokeStyle = FILING_COLOURS.ink;
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(x1 - fold, y0);
  ctx.lineTo(x1 - fold, y0 + fold);
  ctx.lineTo(x1, y0 + fold);
  ctx.stroke();
  // The check.
  ctx.beginPath();
  ctx.moveTo(w * 0.22, h * 0.6);
  ctx.lineTo(w * 0.44, h * 0.8);
  ctx.lineTo(w * 0.8, h * 0.4);
  ctx.lineWidth = line * 1.6;
  ctx.strokeStyle = FILING_COLOURS.check;
  ctx.stroke();
  return canvas;
}

/** The sheet's pixels, for `map.addImage(FILING_IMAGE, data, { pixelRatio: ICON_PIXEL_RATIO })`. */
export function filingSheetImage(): ImageData {
  const canvas = drawFilingSheet();
  return canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
}

let url: string | null = null;

/** A data URL of the same sheet, for the legend. */
export function filingSheetDataUrl(): string {
  url ??= drawFilingSheet(3).toDataURL('image/png');
  return url;
}
