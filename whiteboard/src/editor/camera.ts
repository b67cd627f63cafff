/** Viewport maths: a camera maps board coordinates to screen pixels (screen = (board + x,y) · z). */

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Camera {
  /** Board offset in board units. */
  readonly x: number;
  readonly y: number;
  /** Zoom factor: screen pixels per board unit. */
  readonly z: number;
}

export interface Box {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

/** Closer than 10 % the ink becomes dust; beyond 800 % a pixel is a blob. Same range as tldraw. */
export const MIN_ZOOM = 0.1;
export const MAX_ZOOM = 8;

export const DEFAULT_CAMERA: Camera = { x: 0, y: 0, z: 1 };

export function clampZoom(z: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));
}

export function screenToBoard(camera: Camera, p: Point): Point {
  return { x: p.x / camera.z - camera.x, y: p.y / camera.z - camera.y };
}

export function boardToScreen(camera: Camera, p: Point): Point {
  return { x: (p.x + camera.x) * camera.z, y: (p.y + camera.y) * camera.z };
}

/** Pan by a distance in screen pixels. */
export function panBy(camera: Camera, dx: number, dy: number): Camera {
  return { x: camera.x + dx / camera.z, y: camera.y + dy / camera.z, z: camera.z };
}

/** Zoom to `z`, keeping the board point under `screen` fixed (the cursor, for wheel zoom). */
export function zoomAt(camera: Camera, screen: Point, z: number): Camera {
  const nextZ = clampZoom(z);
  const anchor = screenToBoard(camera, screen);
  return { x: screen.x / nextZ - anchor.x, y: screen.y / nextZ - anchor.y, z: nextZ };
}

/** The board area visible in a viewport of `width`×`height` screen pixels. */
export function visibleBox(camera: Camera, width: number, height: number): Box {
  const a = screenToBoard(camera, { x: 0, y: 0 });
  const b = screenToBoard(camera, { x: width, y: height });
  return { minX: a.x, minY: a.y, maxX: b.x, maxY: b.y };
}

/** Centre `box` in the viewport, zooming out (never in past 100 %) so it fits with a margin. */
export function fitBox(box: Box, width: number, height: number, margin = 48): Camera {
  const w = Math.max(1, box.maxX - box.minX);
  const h = Math.max(1, box.maxY - box.minY);
  const z = clampZoom(Math.min(1, (width - 2 * margin) / w, (height - 2 * margin) / h) || MIN_ZOOM);
  return {
    x: width / 2 / z - (box.minX + w / 2),
    y: height / 2 / z - (box.minY + h / 2),
    z,
  };
}

/** A camera that shows the same board centre as `other` in a viewport of this size (follow mode). */
export function followCamera(
  other: { camera: Camera; width: number; height: number },
  width: number,
  height: number,
): Camera {
  const centre = screenToBoard(other.camera, { x: other.width / 2, y: other.height / 2 });
  const z = other.camera.z;
  return { x: width / 2 / z - centre.x, y: height / 2 / z - centre.y, z };
}
