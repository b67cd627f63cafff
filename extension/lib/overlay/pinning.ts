import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * Annotation mode: the canvas covers the whole page, or is pinned to a `<video>` and
 * follows its size and position (ResizeObserver + rAF: scroll, layout, resizes).
 */
export class Pinning {
  pinned: HTMLVideoElement | null = null;
  private readonly ctx: ContentScriptContext;
  private readonly canvas: HTMLCanvasElement;
  private readonly onResize: () => void;

  /** `onResize`: the canvas's pixel size changed (it was cleared: redraw). */
  constructor(ctx: ContentScriptContext, canvas: HTMLCanvasElement, onResize: () => void) {
    this.ctx = ctx;
    this.canvas = canvas;
    this.onResize = onResize;
  }

  /** Pin to the next visible `<video>` (largest first); after the last, the whole page. */
  pinNext(): HTMLVideoElement | null {
    const videos = [...document.querySelectorAll('video')]
      .filter((v) => v.getBoundingClientRect().width > 0)
      .sort((a, b) => area(b) - area(a));
    const i = this.pinned ? videos.indexOf(this.pinned) : -1;
    this.pinned = videos[i + 1] ?? null;
    this.layout();
    if (this.pinned) this.follow(this.pinned);
    return this.pinned;
  }

  private follow(video: HTMLVideoElement): void {
    const observer = new ResizeObserver(() => this.layout());
    observer.observe(video);
    const tick = () => {
      if (this.pinned !== video || this.ctx.isInvalid) {
        observer.disconnect();
        return;
      }
      this.layout();
      this.ctx.requestAnimationFrame(tick);
    };
    this.ctx.requestAnimationFrame(tick);
  }

  /** Where the ink is drawn, in viewport px. */
  rect(): { left: number; top: number; width: number; height: number } {
    return this.pinned?.isConnected
      ? this.pinned.getBoundingClientRect()
      : { left: 0, top: 0, width: innerWidth, height: innerHeight };
  }

  layout(): void {
    const canvas = this.canvas;
    const r = this.rect();
    const w = Math.max(1, Math.round(r.width));
    const h = Math.max(1, Math.round(r.height));
    canvas.style.left = `${r.left}px`;
    canvas.style.top = `${r.top}px`;
    canvas.style.width = `${w}px`;
    canvas.style.height = `${h}px`;
    if (canvas.width !== w * devicePixelRatio || canvas.height !== h * devicePixelRatio) {
      canvas.width = w * devicePixelRatio;
      canvas.height = h * devicePixelRatio;
      this.onResize();
    }
  }

  stop(): void {
    this.pinned = null;
  }
}

function area(v: HTMLVideoElement): number {
  const r = v.getBoundingClientRect();
  return r.width * r.height;
}
