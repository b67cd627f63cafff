import type { Stroke, StrokePoint } from '@motionmath/protocol';
import type { Box, Camera } from './camera.ts';
import { visibleBox } from './camera.ts';
import { boxesIntersect, strokeBox } from './geometry.ts';
import { inkPath } from './ink.ts';
import type { EditorState } from './editor.ts';

/** Canvas 2D rendering of the ink layer. Paths are cached per stroke until its points change. */

/** Dot grid spacing in board units; hidden when zoomed out so far it becomes noise. */
export const GRID_SPACING = 24;
const GRID_MIN_SCREEN_SPACING = 10;
const SELECTION_COLOR = '#4263eb';
/** The selection's dashed frame stands this many screen pixels off its strokes. */
export const SELECTION_PAD_PX = 4;

interface CachedPath {
  readonly key: string;
  readonly path: Path2D;
}

function strokeKey(points: readonly StrokePoint[], width: number): string {
  const a = points[0];
  const b = points.at(-1);
  return `${points.length}:${width}:${a?.x},${a?.y}:${b?.x},${b?.y}`;
}

export class InkRenderer {
  private readonly cache = new Map<string, CachedPath>();

  private pathFor(stroke: Stroke): Path2D {
    const key = strokeKey(stroke.points, stroke.width);
    const hit = this.cache.get(stroke.id);
    if (hit?.key === key) return hit.path;
    const path = new Path2D(inkPath(stroke.points, stroke.width));
    this.cache.set(stroke.id, { key, path });
    return path;
  }

  /** Drop cached paths of strokes no longer on the board. */
  prune(strokes: readonly Stroke[]): void {
    if (this.cache.size <= strokes.length) return;
    const live = new Set(strokes.map((s) => s.id));
    for (const id of this.cache.keys()) if (!live.has(id)) this.cache.delete(id);
  }

  draw(
    ctx: CanvasRenderingContext2D,
    size: { width: number; height: number; dpr: number },
    strokes: readonly Stroke[],
    state: Pick<
      EditorState,
      'camera' | 'selection' | 'draft' | 'marquee' | 'dragOffset' | 'color' | 'width' | 'tool'
    >,
    selectionBox: Box | null,
    /** Peers' strokes in progress, drawn as they come. */
    live: readonly { points: readonly number[]; color: string; width: number }[] = [],
  ): void {
    const { width, height, dpr } = size;
    const { camera } = state;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.setTransform(
      dpr * camera.z,
      0,
      0,
      dpr * camera.z,
      dpr * camera.x * camera.z,
      dpr * camera.y * camera.z,
    );
    const view = visibleBox(camera, width, height);
    const offset = state.dragOffset;
    for (const stroke of strokes) {
      const moving = offset !== null && state.selection.has(stroke.id);
      const box = strokeBox(stroke);
      const shifted = moving
        ? {
            minX: box.minX + offset.x,
            minY: box.minY + offset.y,
            maxX: box.maxX + offset.x,
            maxY: box.maxY + offset.y,
          }
        : box;
      if (!boxesIntersect(shifted, view)) continue;
      ctx.fillStyle = stroke.color;
      if (moving) {
        ctx.save();
        ctx.translate(offset.x, offset.y);
        ctx.fill(this.pathFor(stroke));
        ctx.restore();
      } else ctx.fill(this.pathFor(stroke));
    }
    for (const stroke of live) {
      const points = [];
      for (let i = 0; i + 1 < stroke.points.length; i += 2)
        points.push({
          x: stroke.points[i] as number,
          y: stroke.points[i + 1] as number,
          pressure: 0.5,
          t: 0,
        });
      ctx.fillStyle = stroke.color;
      ctx.fill(new Path2D(inkPath(points, stroke.width, false)));
    }
    if (state.draft && state.draft.length > 0) {
      ctx.fillStyle = state.color;
      ctx.fill(new Path2D(inkPath(state.draft, state.tool === 'math' ? 3 : state.width, false)));
    }
    const lineWidth = 1 / camera.z;
    if (selectionBox) {
      ctx.strokeStyle = SELECTION_COLOR;
      ctx.lineWidth = lineWidth * 1.5;
      ctx.setLineDash([6 * lineWidth, 4 * lineWidth]);
      const pad = SELECTION_PAD_PX * lineWidth;
      ctx.strokeRect(
        selectionBox.minX - pad,
        selectionBox.minY - pad,
        selectionBox.maxX - selectionBox.minX + 2 * pad,
        selectionBox.maxY - selectionBox.minY + 2 * pad,
      );
      ctx.setLineDash([]);
    }
    if (state.marquee) {
      const m = state.marquee;
      ctx.fillStyle = 'rgba(66, 99, 235, 0.08)';
      ctx.strokeStyle = SELECTION_COLOR;
      ctx.lineWidth = lineWidth;
      ctx.fillRect(m.minX, m.minY, m.maxX - m.minX, m.maxY - m.minY);
      ctx.strokeRect(m.minX, m.minY, m.maxX - m.minX, m.maxY - m.minY);
    }
  }
}

/** The dot grid, on its own canvas under the cards (the ink canvas is over them). */
export function drawGrid(
  ctx: CanvasRenderingContext2D,
  size: { width: number; height: number; dpr: number },
  camera: Camera,
): void {
  const { width, height, dpr } = size;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const step = GRID_SPACING * camera.z;
  if (step < GRID_MIN_SCREEN_SPACING) return;
  ctx.fillStyle = '#ced4da';
  const startX = (((camera.x * camera.z) % step) + step) % step;
  const startY = (((camera.y * camera.z) % step) + step) % step;
  const r = Math.max(0.75, Math.min(1.5, camera.z));
  for (let x = startX; x < width; x += step) {
    for (let y = startY; y < height; y += step) ctx.fillRect(x - r / 2, y - r / 2, r, r);
  }
}
