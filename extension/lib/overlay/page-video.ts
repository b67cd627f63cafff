import type { ModelVariant, PageFrame, TrackerCommand } from '../messages.ts';

/**
 * Input from a `<video>` on the page instead of the webcam: each video frame becomes an
 * `ImageBitmap` transferred to the tracker window, tagged with a random key sent over the
 * port (the tracker accepts only frames with that key). One frame in flight at a time, so
 * a slow machine skips frames instead of queueing them.
 */
export class PageVideoSource {
  private video: HTMLVideoElement | null = null;
  private key = '';
  private inFlight = false;
  private readonly send: (cmd: TrackerCommand) => void;
  private readonly target: () => Window | null;
  private readonly onError: (message: string) => void;

  constructor(options: {
    send(cmd: TrackerCommand): void;
    target(): Window | null;
    onError(message: string): void;
  }) {
    this.send = options.send;
    this.target = options.target;
    this.onError = options.onError;
  }

  get active(): boolean {
    return this.video !== null;
  }

  use(video: HTMLVideoElement | null): void {
    this.video = video;
    if (!video) this.key = ''; // stops the pump
  }

  /** A landmark frame came back: the next video frame may go. */
  frameDone(): void {
    this.inFlight = false;
  }

  start(model: ModelVariant, numHands: number): void {
    const video = this.video;
    if (!video) return;
    const key = crypto.randomUUID();
    this.key = key;
    this.inFlight = false;
    this.send({ type: 'start-page-frames', model, numHands, key });
    const pump = () => {
      if (this.video !== video || this.key !== key) return;
      video.requestVideoFrameCallback(pump);
      const target = this.target();
      if (this.inFlight || !target || video.readyState < 2) return;
      this.inFlight = true;
      createImageBitmap(video).then(
        (bitmap) => {
          const frame: PageFrame = { type: 'motionmath-page-frame', key, bitmap };
          // The tracker window is ours; its origin may be the dynamic or the real one.
          target.postMessage(frame, '*', [bitmap]);
        },
        (e: unknown) => {
          // A cross-origin video without CORS cannot be read: say so, fall back to nothing.
          this.inFlight = false;
          this.use(null);
          this.onError(`This video cannot be read: ${String(e)}`);
        },
      );
    };
    video.requestVideoFrameCallback(pump);
  }

  stop(): void {
    this.use(null);
  }
}
