/**
 * Draws the overlay: finished strokes, the stroke being written, the hand cursor and the
 * laser trail. Coordinates are the pen tracker's (x in 0..aspect, y in 0..1, already
 * mirrored), mapped onto the canvas by `view`.
 */

export interface Point {
  x: number;
  y: number;
}

export interface InkView {
  /** Pen-space width (the camera aspect) and canvas size in CSS pixels. */
  aspect: number;
  width: number;
  height: number;
}

export interface InkScene {
  strokes: readonly (readonly Point[])[];
  current: readonly Point[] | null;
  cursor: { point: Point; writing: boolean } | null;
  /** Laser points with their age (0 = now … 1 = about to vanish). */
  laser: readonly { point: Point; age: number }[];
}

const INK_COLOR = '#2563eb';
const INK_WIDTH_PX = 4;
const CURSOR_RADIUS_PX = 10;
/** The pen-down dot: about the ink's width, so it shows where ink lands. */
const PEN_DOT_RADIUS_PX = 5;
const HOVER_COLOR = '#475569';
const LASER_COLOR = [239, 68, 68] as const;
const LASER_RADIUS_PX = 7;

export function toCanvas(p: Point, view: InkView): Point {
  return { x: (p.x / view.aspect) * view.width, y: p.y * view.height };
}

function path(ctx: CanvasRenderingContext2D, pts: readonly Point[], view: InkView): void {
  const first = pts[0];
  if (!first) return;
  ctx.beginPath();
  const a = toCanvas(first, view);
  ctx.moveTo(a.x, a.y);
  if (pts.length === 1) ctx.lineTo(a.x + 0.1, a.y);
  for (let i = 1; i < pts.length; i++) {
    const p = toCanvas(pts[i] as Point, view);
    ctx.lineTo(p.x, p.y);
  }
  ctx.stroke();
}

export function drawScene(ctx: CanvasRenderingContext2D, scene: InkScene, view: InkView): void {
  ctx.clearRect(0, 0, view.width, view.height);
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.strokeStyle = INK_COLOR;
  ctx.lineWidth = INK_WIDTH_PX;
  for (const s of scene.strokes) path(ctx, s, view);
  if (scene.current) path(ctx, scene.current, view);
  for (const { point, age } of scene.laser) {
    const p = toCanvas(point, view);
    ctx.fillStyle = `rgba(${LASER_COLOR.join(',')},${(1 - age).toFixed(3)})`;
    ctx.beginPath();
    ctx.arc(p.x, p.y, LASER_RADIUS_PX * (1 - 0.6 * age), 0, Math.PI * 2);
    ctx.fill();
  }
  if (scene.cursor) drawCursor(ctx, toCanvas(scene.cursor.point, view), scene.cursor.writing);
}

/**
 * The live cursor, in two looks that cannot be mistaken: hovering (pen up) is a hollow
 * grey ring with a small dot at the fingertip; writing (pen down) is a solid ink dot
 * inside a soft halo.
 */
function drawCursor(ctx: CanvasRenderingContext2D, p: Point, writing: boolean): void {
  ctx.beginPath();
  if (writing) {
    ctx.arc(p.x, p.y, CURSOR_RADIUS_PX + 3, 0, Math.PI * 2);
    ctx.fillStyle = 'rgba(37,99,235,0.22)';
    ctx.fill();
    ctx.beginPath();
    ctx.arc(p.x, p.y, PEN_DOT_RADIUS_PX, 0, Math.PI * 2);
    ctx.fillStyle = INK_COLOR;
    ctx.fill();
    return;
  }
  ctx.arc(p.x, p.y, CURSOR_RADIUS_PX, 0, Math.PI * 2);
  ctx.lineWidth = 2;
  ctx.strokeStyle = HOVER_COLOR;
  ctx.fillStyle = 'rgba(255,255,255,0.35)';
  ctx.fill();
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(p.x, p.y, 2, 0, Math.PI * 2);
  ctx.fillStyle = HOVER_COLOR;
  ctx.fill();
}
