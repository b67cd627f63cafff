/**
 * Where the HUD sits: docked at the bottom left by default — writers raise the hand to
 * write, so ink lands in the upper and middle part of the view, and the end of an
 * equation (on the right) stays clear. When the cursor or the ink comes near the HUD, it
 * moves to the other edge, so it never covers what is being written.
 */

export type HudDock = 'bottom' | 'top';

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** How close (px) the pen may come to the HUD before it moves away. */
const CLEARANCE_PX = 32;

function near(p: { x: number; y: number }, r: Rect): boolean {
  return (
    p.x >= r.left - CLEARANCE_PX &&
    p.x <= r.left + r.width + CLEARANCE_PX &&
    p.y >= r.top - CLEARANCE_PX &&
    p.y <= r.top + r.height + CLEARANCE_PX
  );
}

/**
 * The dock for the HUD now at `current` with box `hud`, given the points the writer is
 * making (the cursor and the ink, in viewport px). Moves only when one comes near it.
 */
export function nextDock(
  current: HudDock,
  hud: Rect,
  points: readonly { x: number; y: number }[],
): HudDock {
  if (!points.some((p) => near(p, hud))) return current;
  return current === 'bottom' ? 'top' : 'bottom';
}
