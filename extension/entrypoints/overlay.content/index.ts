import { browser } from 'wxt/browser';
import type { Browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { Recognition } from '@motionmath/recognizer';
import type { ContentScriptDefinition } from 'wxt';
import { extensionUrl } from '../../lib/extension-url.ts';
import { drawScene } from '../../lib/ink-renderer.ts';
import type { InkView, Point } from '../../lib/ink-renderer.ts';
import { TRACKER_PORT_PREFIX } from '../../lib/messages.ts';
import type {
  BackgroundRequest,
  EquationDraft,
  PageFrame,
  TabMessage,
  TrackerCommand,
  TrackerEvent,
} from '../../lib/messages.ts';
import { PenSession } from '../../lib/pen-session.ts';
import { loadSettings, smoothingFor } from '../../lib/settings.ts';
import type { Settings } from '../../lib/settings.ts';
import { FrameStats } from '../../lib/frame-stats.ts';
import { Hud } from './hud.ts';
import './style.css';

/**
 * The overlay: a transparent canvas over the page (or pinned to a <video>), the camera
 * preview (the tracker iframe itself) and the HUD. Mounted only when toggled (shortcut,
 * popup); until then this script only listens for that message.
 */

/** Laser dots fade out over this long. */
const LASER_FADE_MS = 600;
/** Pen-space scale to board units: a full camera frame height becomes 600 board px. */
const BOARD_SCALE = 600;

const overlayScript: ContentScriptDefinition = defineContentScript({
  matches: ['<all_urls>'],
  cssInjectionMode: 'ui',
  main(ctx) {
    let overlay: Overlay | null = null;
    const onMessage = (msg: TabMessage) => {
      if (msg.type === 'toggle') {
        if (overlay) {
          overlay.close();
          overlay = null;
        } else {
          overlay = new Overlay(ctx, () => (overlay = null));
          overlay.open().catch((e: unknown) => console.error('[motionmath]', e));
        }
      } else if (msg.type === 'equation-update') overlay?.onEquationUpdate(msg);
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onMessage);
      overlay?.close();
    });
  },
});
export default overlayScript;

class Overlay {
  private readonly ctx: ContentScriptContext;
  private readonly onClosed: () => void;
  private ui: Awaited<ReturnType<typeof createShadowRootUi<HTMLElement>>> | null = null;
  private settings: Settings | null = null;
  private session: PenSession | null = null;
  /** The personal samples file from the background, applied to every new session. */
  private samples: unknown = null;
  private port: Browser.runtime.Port | null = null;
  private canvas: HTMLCanvasElement | null = null;
  private iframe: HTMLIFrameElement | null = null;
  private hud: Hud | null = null;
  private root: HTMLElement | null = null;
  private recognition: Recognition | null = null;
  private laserMode = false;
  private laser: { point: Point; t: number }[] = [];
  private pinned: HTMLVideoElement | null = null;
  private previewVisible = true;
  /** Input from a <video> on the page instead of the webcam (its frames go to the tracker). */
  private pageVideo: HTMLVideoElement | null = null;
  private pageFrameKey = '';
  private pageFrameInFlight = false;
  private aspect = 4 / 3;
  private lastFrameT = 0;
  private closed = false;
  private readonly stats = new FrameStats();
  /** Equations sent from this overlay whose answer we wait for: id → LaTeX. */
  private readonly sent = new Map<string, string>();

  constructor(ctx: ContentScriptContext, onClosed: () => void) {
    this.ctx = ctx;
    this.onClosed = onClosed;
  }

  async open(): Promise<void> {
    this.settings = await loadSettings();
    this.previewVisible = this.settings.showPreview;
    this.session = this.newSession();
    const nonce = crypto.randomUUID();
    this.ui = await createShadowRootUi<HTMLElement>(this.ctx, {
      name: 'motionmath-overlay',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      isolateEvents: true,
      // Closed: the page must not read the overlay (recognized math, answers, the board
      // link). Only the test build (`wxt build --mode e2e`) opens it for Playwright.
      mode: import.meta.env.MODE === 'e2e' ? 'open' : 'closed',
      onMount: (container) => this.mount(container, nonce),
    });
    this.ui.mount();
    void this.loadSamples(); // after mount: it reports the count on the root element
    this.connectTracker(nonce);
    this.ctx.addEventListener(document, 'visibilitychange', () => {
      if (document.visibilityState === 'hidden') this.send({ type: 'stop' });
      else this.startCamera();
    });
    this.ctx.addEventListener(window, 'resize', () => this.layout());
    this.ctx.addEventListener(window, 'scroll', () => this.layout(), { capture: true });
    this.layout();
  }

  private newSession(): PenSession {
    const s = this.settings;
    const session = new PenSession({
      mode: s?.writingMode ?? 'point',
      handedness: s?.handedness ?? 'right',
      smoothing: smoothingFor(s?.sensitivity ?? 3),
      aspect: this.aspect,
    });
    session.useSamples(this.samples);
    return session;
  }

  /** The user's handwriting samples (taught on the whiteboard) join recognition when they
   * arrive; until then, and without an account, the shipped model reads alone. */
  private async loadSamples(): Promise<void> {
    try {
      this.samples = await browser.runtime.sendMessage({
        type: 'personal-samples',
      } satisfies BackgroundRequest);
      const count = this.session?.useSamples(this.samples) ?? 0;
      this.root?.setAttribute('data-personal-samples', String(count));
    } catch {
      // No background answer (extension reloading): keep the shipped model.
    }
  }

  private mount(container: HTMLElement, nonce: string): HTMLElement {
    const root = document.createElement('div');
    root.className = 'mm-root';
    this.root = root;
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'mm-canvas';
    this.iframe = document.createElement('iframe');
    this.iframe.className = 'mm-preview';
    // `*`, not the default (the src's origin): a dynamic web-accessible URL resolves to
    // the extension's real origin, which the default would not match.
    this.iframe.allow = 'camera *';
    this.iframe.title = 'MotionMath camera';
    this.iframe.dataset['hidden'] = String(!this.previewVisible);
    this.iframe.src = extensionUrl(`/tracker.html#n=${nonce}`);
    this.hud = new Hud({
      send: () => void this.sendEquation(),
      cancel: () => this.clearInk(),
      pick: (latex) => this.pickAlternative(latex),
      togglePreview: () => this.togglePreview(),
      toggleLaser: () => {
        this.laserMode = !this.laserMode;
        this.hud?.setStatus(this.laserMode ? 'Laser pointer' : 'Writing');
      },
      pinVideo: () => this.pinNextVideo(),
      handsFromVideo: () => this.toggleHandsFromVideo(),
      close: () => this.close(),
    });
    root.append(this.canvas, this.iframe, this.hud.element);
    container.append(root);
    return root;
  }

  private connectTracker(nonce: string): void {
    // The tracker page registers its onConnect listener once loaded.
    this.iframe?.addEventListener('load', () => {
      if (this.closed) return;
      const port = browser.runtime.connect({ name: TRACKER_PORT_PREFIX + nonce });
      this.port = port;
      port.onMessage.addListener((e: TrackerEvent) => this.onTrackerEvent(e));
      port.onDisconnect.addListener(() => (this.port = null));
      this.send({ type: 'preview', visible: this.previewVisible });
      this.startCamera();
    });
  }

  private startCamera(): void {
    if (document.visibilityState === 'hidden' || !this.settings) return;
    if (this.pageVideo) {
      this.startPageFrames();
      return;
    }
    this.send({
      type: 'start',
      model: this.settings.model,
      cameraId: this.settings.cameraId,
      numHands: 2,
    });
  }

  private send(cmd: TrackerCommand): void {
    this.port?.postMessage(cmd);
  }

  private onTrackerEvent(e: TrackerEvent): void {
    if (e.type === 'status') {
      this.root?.setAttribute('data-tracker', e.state);
      this.hud?.setStatus(
        e.state === 'running'
          ? `Tracking (${e.model ?? ''})`
          : e.state === 'loading'
            ? 'Loading…'
            : 'Camera off',
      );
      return;
    }
    if (e.type === 'error') {
      this.hud?.setStatus(`Tracker: ${e.message}`);
      return;
    }
    this.pageFrameInFlight = false;
    const t0 = performance.now();
    const aspect = e.width > 0 && e.height > 0 ? e.width / e.height : this.aspect;
    if (Math.abs(aspect - this.aspect) > 1e-3 && this.session) {
      this.aspect = aspect;
      this.session = this.newSession();
    }
    this.lastFrameT = e.t;
    const session = this.session;
    if (!session) return;
    const update = session.push(e.t, e.hands);
    if (this.laserMode) {
      if (session.cursor) this.laser.push({ point: session.cursor.point, t: e.t });
      if (update.strokesChanged) session.clear(); // the laser leaves no ink
    } else {
      for (const c of update.commands) {
        if (c === 'submit') void this.sendEquation();
        else if (c === 'clear') this.clearInk();
      }
      if (update.strokesChanged) this.updateRecognition();
    }
    const cursor = session.cursor ? (session.cursor.writing ? 'writing' : 'hover') : 'none';
    if (this.root && this.root.dataset['cursor'] !== cursor) this.root.dataset['cursor'] = cursor;
    this.draw();
    this.stats.add(e.detectMs, performance.now() - t0);
    if (this.stats.count % 30 === 0) this.root?.setAttribute('data-stats', this.stats.json());
  }

  private draw(): void {
    const canvas = this.canvas;
    const session = this.session;
    if (!canvas || !session) return;
    const ctx2d = canvas.getContext('2d');
    if (!ctx2d) return;
    const view: InkView = {
      aspect: this.aspect,
      width: canvas.width / devicePixelRatio,
      height: canvas.height / devicePixelRatio,
    };
    this.laser = this.laser.filter((l) => this.lastFrameT - l.t < LASER_FADE_MS);
    ctx2d.setTransform(devicePixelRatio, 0, 0, devicePixelRatio, 0, 0);
    drawScene(
      ctx2d,
      {
        strokes: session.strokes,
        current: session.current,
        cursor: session.cursor,
        laser: this.laser.map((l) => ({
          point: l.point,
          age: (this.lastFrameT - l.t) / LASER_FADE_MS,
        })),
      },
      view,
    );
  }

  private updateRecognition(): void {
    const r = this.session?.recognize() ?? null;
    this.recognition = r && r.latex !== '' ? r : null;
    this.hud?.showRecognition(this.recognition);
    this.root?.setAttribute('data-latex', this.recognition?.latex ?? '');
  }

  private pickAlternative(latex: string): void {
    const r = this.recognition;
    if (!r) return;
    const alt = r.alternatives.find((a) => a.latex === latex);
    if (!alt) return;
    this.recognition = {
      ...r,
      ...alt,
      alternatives: [
        { latex: r.latex, mathjs: r.mathjs, confidence: r.confidence },
        ...r.alternatives.filter((a) => a !== alt),
      ],
    };
    this.hud?.showRecognition(this.recognition);
    this.root?.setAttribute('data-latex', this.recognition.latex);
  }

  private clearInk(): void {
    this.session?.clear();
    this.recognition = null;
    this.hud?.showRecognition(null);
    this.root?.setAttribute('data-latex', '');
    this.draw();
  }

  private async sendEquation(): Promise<void> {
    const r = this.recognition;
    const session = this.session;
    if (!r || !session) return;
    const equation: EquationDraft = {
      id: crypto.randomUUID(),
      latex: r.latex,
      mathjs: r.mathjs,
      confidence: r.confidence,
      alternatives: r.alternatives.map((a) => ({
        latex: a.latex,
        mathjs: a.mathjs,
        confidence: a.confidence,
      })),
      strokes: session.timedStrokes.map((s) => ({
        points: s.map((p) => ({ x: p.x * BOARD_SCALE, y: p.y * BOARD_SCALE, t: p.t })),
      })),
      createdAt: Date.now(),
    };
    this.sent.set(equation.id, r.latex);
    this.root?.setAttribute('data-sent', r.latex);
    this.clearInk();
    this.hud?.showAnswer(null, `Sending ${r.latex}…`);
    const request: BackgroundRequest = { type: 'send-equation', equation };
    await browser.runtime.sendMessage(request);
  }

  onEquationUpdate(msg: Extract<TabMessage, { type: 'equation-update' }>): void {
    if (!this.sent.has(msg.id)) return;
    const notes: Record<typeof msg.status, string> = {
      queued: 'Offline: queued, will send when the board is reachable',
      sent: 'On the board, waiting for the solver…',
      pending: 'On the board, waiting for the solver…',
      solving: 'Solving…',
      solved: 'Solved',
      unsupported: `The solver cannot do this one${msg.error ? `: ${msg.error}` : ''}`,
      error: `Solver error${msg.error ? `: ${msg.error}` : ''}`,
    };
    this.hud?.showAnswer(msg.answer, notes[msg.status]);
    if (msg.answer) {
      // Which equation this answer belongs to (several may be in flight).
      this.root?.setAttribute('data-answered', this.sent.get(msg.id) ?? '');
      this.root?.setAttribute('data-answer', msg.answer);
    }
  }

  private togglePreview(): void {
    this.previewVisible = !this.previewVisible;
    if (this.iframe) this.iframe.dataset['hidden'] = String(!this.previewVisible);
    this.send({ type: 'preview', visible: this.previewVisible });
  }

  /**
   * Input source: the hands of a person in a <video> on the page (the pinned one, else the
   * largest) instead of the webcam; toggles back to the webcam.
   */
  private toggleHandsFromVideo(): void {
    if (this.pageVideo) {
      this.pageVideo = null;
      this.root?.setAttribute('data-source', 'camera');
      this.startCamera();
      return;
    }
    if (!this.pinned) this.pinNextVideo();
    if (!this.pinned) {
      this.hud?.setStatus('No video on this page');
      return;
    }
    this.pageVideo = this.pinned;
    this.root?.setAttribute('data-source', 'page-video');
    this.startCamera();
  }

  private startPageFrames(): void {
    const video = this.pageVideo;
    if (!video || !this.settings) return;
    this.pageFrameKey = crypto.randomUUID();
    this.pageFrameInFlight = false;
    this.send({
      type: 'start-page-frames',
      model: this.settings.model,
      numHands: 2,
      key: this.pageFrameKey,
    });
    const key = this.pageFrameKey;
    const pump = () => {
      if (this.closed || this.pageVideo !== video || this.pageFrameKey !== key) return;
      video.requestVideoFrameCallback(pump);
      // One frame in flight at a time: a slow machine skips frames instead of queueing them.
      const target = this.iframe?.contentWindow;
      if (this.pageFrameInFlight || !target || video.readyState < 2) return;
      this.pageFrameInFlight = true;
      createImageBitmap(video).then(
        (bitmap) => {
          const frame: PageFrame = { type: 'motionmath-page-frame', key, bitmap };
          // The tracker window is ours; its origin may be the dynamic or the real one.
          target.postMessage(frame, '*', [bitmap]);
        },
        (e: unknown) => {
          // A cross-origin video without CORS cannot be read: say so, fall back to nothing.
          this.pageFrameInFlight = false;
          this.hud?.setStatus(`This video cannot be read: ${String(e)}`);
          this.pageVideo = null;
        },
      );
    };
    video.requestVideoFrameCallback(pump);
  }

  /** Annotation mode: pin the ink to the next visible <video> (largest first); then unpin. */
  private pinNextVideo(): void {
    const videos = [...document.querySelectorAll('video')]
      .filter((v) => v.getBoundingClientRect().width > 0)
      .sort((a, b) => area(b) - area(a));
    const i = this.pinned ? videos.indexOf(this.pinned) : -1;
    this.pinned = videos[i + 1] ?? null;
    this.root?.setAttribute('data-pinned', this.pinned ? 'video' : 'page');
    this.hud?.setStatus(this.pinned ? 'Pinned to a video' : 'Over the whole page');
    this.clearInk();
    this.layout();
    if (this.pinned) this.followPinned();
  }

  /** Follow the pinned video's size and position (scroll, layout changes, resizes). */
  private followPinned(): void {
    const video = this.pinned;
    if (!video || this.closed) return;
    const observer = new ResizeObserver(() => this.layout());
    observer.observe(video);
    const tick = () => {
      if (this.pinned !== video || this.closed) {
        observer.disconnect();
        return;
      }
      this.layout();
      this.ctx.requestAnimationFrame(tick);
    };
    this.ctx.requestAnimationFrame(tick);
  }

  private layout(): void {
    const canvas = this.canvas;
    if (!canvas) return;
    const r = this.pinned?.isConnected
      ? this.pinned.getBoundingClientRect()
      : { left: 0, top: 0, width: innerWidth, height: innerHeight };
    const w = Math.max(1, Math.round(r.width));
    const h = Math.max(1, Math.round(r.height));
    canvas.style.left = `${r.left}px`;
    canvas.style.top = `${r.top}px`;
    canvas.style.width = `${w}px`;
    canvas.style.height = `${h}px`;
    if (canvas.width !== w * devicePixelRatio || canvas.height !== h * devicePixelRatio) {
      canvas.width = w * devicePixelRatio;
      canvas.height = h * devicePixelRatio;
      this.draw();
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.send({ type: 'stop' });
    this.port?.disconnect(); // the tracker stops the camera when its port closes
    this.port = null;
    this.ui?.remove();
    this.onClosed();
  }
}

function area(v: HTMLVideoElement): number {
  const r = v.getBoundingClientRect();
  return r.width * r.height;
}
