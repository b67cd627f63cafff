import type { Rect } from '@motionmath/protocol';
import { fitBox, screenToBoard } from './camera.ts';
import type { Box, Camera } from './camera.ts';

/**
 * The part of the screen the board really shows: the viewport minus the chrome floating
 * over it (top bar, toolbar). Zoom to fit, placing a card "in view" and bringing a card
 * into sight all use it, so nothing ends up under the toolbar.
 */

export interface Insets {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

export interface Viewport {
  /** Screen size of the canvas, CSS pixels. */
  readonly width: number;
  readonly height: number;
  /** Screen pixels covered by floating chrome on each side. */
  readonly insets: Insets;
}

export const NO_INSETS: Insets = { top: 0, right: 0, bottom: 0, left: 0 };
export const EMPTY_VIEWPORT: Viewport = { width: 0, height: 0, insets: NO_INSETS };

/** Space kept between the old view's content and the edge when zooming out to reveal (screen px). */
export const REVEAL_MARGIN = 24;

/** The usable view in board units. */
export function usableView(camera: Camera, viewport: Viewport): Rect {
  const { insets } = viewport;
  const a = screenToBoard(camera, { x: insets.left, y: insets.top });
  const b = screenToBoard(camera, {
    x: Math.max(insets.left + 1, viewport.width - insets.right),
    y: Math.max(insets.top + 1, viewport.height - insets.bottom),
  });
  return { x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y };
}

/** A camera showing `box` whole inside the usable view (never zooming in past 100 %). */
export function fitInView(box: Box, viewport: Viewport): Camera {
  const { insets } = viewport;
  const width = Math.max(1, viewport.width - insets.left - insets.right);
  const height = Math.max(1, viewport.height - insets.top - insets.bottom);
  const inner = fitBox(box, width, height);
  // Shift by the insets: the usable area starts at (left, top) on screen.
  return { x: inner.x + insets.left / inner.z, y: inner.y + insets.top / inner.z, z: inner.z };
}

/**
 * A camera that keeps everything now in sight and adds `rect`: unchanged when `rect` is
 * in sight already, else zoomed out just enough (around both) to show the old view and
 * `rect` together. A class following the board never loses the cards it was looking at
 * when a new one lands beside them.
 */
export function revealKeepingView(camera: Camera, viewport: Viewport, rect: Rect): Camera {
  if (viewport.width === 0 || viewport.height === 0) return camera;
  const view = usableView(camera, viewport);
  const inSight =
    rect.x >= view.x &&
    rect.y >= view.y &&
    rect.x + rect.width <= view.x + view.width &&
    rect.y + rect.height <= view.y + view.height;
  if (inSight) return camera;
  const box: Box = {
    minX: Math.min(view.x + REVEAL_MARGIN / camera.z, rect.x),
    minY: Math.min(view.y + REVEAL_MARGIN / camera.z, rect.y),
    maxX: Math.max(view.x + view.width - REVEAL_MARGIN / camera.z, rect.x + rect.width),
    maxY: Math.max(view.y + view.height - REVEAL_MARGIN / camera.z, rect.y + rect.height),
  };
  const fitted = fitInView(box, viewport);
  // Never zoom in to reveal something: that would lose part of the old view.
  return fitted.z <= camera.z ? fitted : camera;
}
