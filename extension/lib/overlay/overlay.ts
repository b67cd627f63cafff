import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { FrameStats } from '../frame-stats.ts';
import { drawScene, toCanvas } from '../ink-renderer.ts';
import type { InkView, Point } from '../ink-renderer.ts';
import type { EquationUpdate, TrackerEvent } from '../messages.ts';
import { sendMessage } from '../messaging.ts';
import { PenSession } from '../pen-session.ts';
import { loadSettings, onSettingsChanged } from '../settings.ts';
import { smoothingFor } from '../smoothing.ts';
import type { Settings } from '../settings.ts';
import { SentEquations, statusNote } from './answers.ts';
import { Hud } from './hud.ts';
import { nextDock } from './hud-dock.ts';
import { Laser } from './laser.ts';
import { PageVideoSource } from './page-video.ts';
import { Pinning } from './pinning.ts';
import { RecognitionState } from './recognition-state.ts';
import { TrackerLink } from './tracker-link.ts';
import { TrackingWarnings, WARNING_TEXT } from './warnings.ts';

/**
 * The overlay: a transparent canvas over the page (or pinned to a <video>), the camera
 * preview (the tracker iframe itself) and the HUD, in a shadow root. This class wires the
 * parts together; each part keeps its own state (tracker link, page-video source,
 * pinning, laser, recognition, sent equations).
 */

/**
 * While answers are awaited, the overlay pings the background this often: a message wakes
 * a service worker that MV3 stopped (Chrome stops an idle one after 30 s), and the new
 * worker restores its routes and reconnects to the board.
 */
const AWAIT_PING_MS = 5_000;
/** Hands the tracker looks for. One: every extra hand runs the palm detector on every
 * frame (about half the frame time, see the extension README's bench); no feature needs
 * a second hand yet. */
const NUM_HANDS = 1;

interface OverlayParts {
  root: HTMLElement;
  canvas: HTMLCanvasElement;
  hud: Hud;
  tracker: TrackerLink;
}

export class Overlay {
  private readonly ctx: ContentScriptContext;
  private readonly onClosed: () => void;
  private ui: Awaited<ReturnType<typeof createShadowRootUi<HTMLElement>>> | null = null;
  private parts: OverlayParts | null = null;
  private settings: Settings | null = null;
  private session: PenSession | null = null;
  /** The personal samples file from the background, applied to every new session. */
  private samples: unknown = null;
  private previewVisible = true;
  private aspect = 4 / 3;
  private lastFrameT = 0;
  private closed = false;
  private readonly stopped = new AbortController();
  private pinning: Pinning | null = null;
  private pageVideo: PageVideoSource | null = null;
  private readonly laser = new Laser();
  private readonly reading = new RecognitionState();
  private readonly sent = new SentEquations();
  private readonly stats = new FrameStats();
  private warnings = new TrackingWarnings(this.aspect);

  constructor(ctx: ContentScriptContext, onClosed: () => void) {
    this.ctx = ctx;
    this.onClosed = onClosed;
  }

  async open(css: string): Promise<void> {
    this.settings = await loadSettings();
    this.previewVisible = this.settings.showPreview;
    this.session = this.newSession();
    this.ui = await createShadowRootUi<HTMLElement>(this.ctx, {
      name: 'motionmath-overlay',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      isolateEvents: true,
      // Inlined, not fetched: a stylesheet fetched from the extension would have to be a
      // web-accessible resource, which any page could probe for.
      css,
      // Closed: the page must not read the overlay (recognized math, answers, the board
      // link). Only the test build (`wxt build --mode e2e`) opens it for Playwright.
      mode: import.meta.env.MODE === 'e2e' ? 'open' : 'closed',
      onMount: (container) => this.mount(container),
    });
    this.ui.mount();
    void this.loadSamples(); // after mount: it reports the count on the root element
    // Everything below ends with this overlay (close), not with the content script.
    const signal = this.stopped.signal;
    document.addEventListener(
      'visibilitychange',
      () => {
        if (document.visibilityState === 'hidden') this.parts?.tracker.send({ type: 'stop' });
        else this.startCamera();
      },
      { signal },
    );
    window.addEventListener('resize', () => this.pinning?.layout(), { signal });
    window.addEventListener('scroll', () => this.pinning?.layout(), { capture: true, signal });
    const ping = this.ctx.setInterval(() => {
      const ids = this.sent.pending();
      if (ids.length > 0) void sendMessage('awaitAnswers', ids).catch(() => {});
    }, AWAIT_PING_MS);
    signal.addEventListener('abort', () => clearInterval(ping));
    // A vocabulary changed in the options reaches the open overlay; the watch ends with it
    // or with the content script (an extension update invalidates the context).
    const offSettings = onSettingsChanged((s) => this.setSchoolSymbols(s.schoolSymbols));
    const offInvalidated = this.ctx.onInvalidated(offSettings);
    signal.addEventListener('abort', () => {
      offSettings();
      offInvalidated();
    });
    this.pinning?.layout();
  }

  /** Apply the vocabulary at once: the ink on screen is read again with it. */
  private setSchoolSymbols(on: boolean): void {
    if (!this.settings || this.settings.schoolSymbols === on) return;
    this.settings = { ...this.settings, schoolSymbols: on };
    const session = this.session;
    session?.setSchoolSymbols(on);
    this.parts?.root.setAttribute('data-school-symbols', String(on));
    if (session && !this.laser.on && session.strokes.length > 0)
      this.showReading(this.reading.set(session.recognize()));
  }

  private newSession(): PenSession {
    const s = this.settings;
    const session = new PenSession({
      mode: s?.writingMode ?? 'point',
      handedness: s?.handedness ?? 'right',
      smoothing: smoothingFor(s?.sensitivity ?? 3),
      aspect: this.aspect,
      schoolSymbols: s?.schoolSymbols ?? false,
    });
    session.useSamples(this.samples);
    return session;
  }

  /** The user's handwriting samples (taught on the whiteboard) join recognition when they
   * arrive; until then, and without an account, the shipped model reads alone. */
  private async loadSamples(): Promise<void> {
    try {
      this.samples = await sendMessage('personalSamples');
      const count = this.session?.useSamples(this.samples) ?? 0;
      this.parts?.root.setAttribute('data-personal-samples', String(count));
    } catch {
      // No background answer (extension reloading): keep the shipped model.
    }
  }

  private mount(container: HTMLElement): HTMLElement {
    const root = document.createElement('div');
    root.className = 'mm-root';
    root.setAttribute('data-school-symbols', String(this.settings?.schoolSymbols ?? false));
    const canvas = document.createElement('canvas');
    canvas.className = 'mm-canvas';
    const tracker = new TrackerLink(
      (e) => this.onTrackerEvent(e),
      () => {
        tracker.send({ type: 'preview', visible: this.previewVisible });
        this.startCamera();
      },
    );
    tracker.iframe.dataset['hidden'] = String(!this.previewVisible);
    const hud = new Hud({
      send: () => void this.sendEquation(),
      cancel: () => this.clearInk(),
      pick: (latex) => this.showReading(this.reading.pick(latex) ?? this.reading.current),
      togglePreview: () => this.togglePreview(),
      toggleLaser: () => hud.setStatus(this.laser.toggle() ? 'Laser pointer' : 'Writing'),
      pinVideo: () => this.pinNextVideo(),
      handsFromVideo: () => this.toggleHandsFromVideo(),
      close: () => this.close(),
    });
    this.parts = { root, canvas, hud, tracker };
    this.pinning = new Pinning(this.ctx, canvas, () => this.draw());
    this.pageVideo = new PageVideoSource({
      send: (cmd) => tracker.send(cmd),
      target: () => tracker.window,
      onError: (message) => hud.setStatus(message),
    });
    root.append(canvas, tracker.iframe, hud.element);
    container.append(root);
    return root;
  }

  private startCamera(): void {
    const s = this.settings;
    if (document.visibilityState === 'hidden' || !s || !this.parts) return;
    if (this.pageVideo?.active) this.pageVideo.start(s.model, NUM_HANDS);
    else
      this.parts.tracker.send({
        type: 'start',
        model: s.model,
        cameraId: s.cameraId,
        numHands: NUM_HANDS,
      });
  }

  private onTrackerEvent(e: TrackerEvent): void {
    const parts = this.parts;
    if (!parts) return;
    if (e.type === 'status') {
      parts.root.setAttribute('data-tracker', e.state);
      parts.hud.setStatus(
        e.state === 'running'
          ? `Tracking (${e.model ?? ''})`
          : e.state === 'loading'
            ? 'Loading…'
            : 'Camera off',
      );
      return;
    }
    if (e.type === 'error') {
      parts.hud.setStatus(`Tracker: ${e.message}`);
      return;
    }
    this.pageVideo?.frameDone();
    const t0 = performance.now();
    const aspect = e.width > 0 && e.height > 0 ? e.width / e.height : this.aspect;
    if (Math.abs(aspect - this.aspect) > 1e-3 && this.session) {
      this.aspect = aspect;
      this.session = this.newSession();
      this.warnings = new TrackingWarnings(aspect);
    }
    this.lastFrameT = e.t;
    const session = this.session;
    if (!session) return;
    const update = session.push(e.t, e.hands);
    if (this.laser.on) {
      if (session.cursor) this.laser.add(session.cursor.point, e.t);
      if (update.strokesChanged) session.clear(); // the laser leaves no ink
    } else {
      for (const c of update.commands) {
        if (c === 'submit') void this.sendEquation();
        else if (c === 'clear') this.clearInk();
      }
      if (update.strokesChanged) this.showReading(this.reading.set(session.recognize()));
    }
    const cursor = session.cursor ? (session.cursor.writing ? 'writing' : 'hover') : 'none';
    if (parts.root.dataset['cursor'] !== cursor) parts.root.dataset['cursor'] = cursor;
    const warning = this.warnings.push(e.t, session.cursor);
    if ((parts.root.dataset['warning'] ?? '') !== (warning ?? '')) {
      parts.root.dataset['warning'] = warning ?? '';
      parts.hud.setWarning(warning ? WARNING_TEXT[warning] : null);
    }
    this.keepHudClear(session.cursor?.point ?? null, session.current);
    this.draw();
    this.stats.add(e, performance.now() - t0);
    if (this.stats.count % 30 === 0) {
      parts.root.setAttribute('data-stats', this.stats.json());
      parts.hud.setDebug(this.stats.debugLine());
    }
  }

  private draw(): void {
    const canvas = this.parts?.canvas;
    const session = this.session;
    const ctx2d = canvas?.getContext('2d');
    if (!canvas || !session || !ctx2d) return;
    const view: InkView = {
      aspect: this.aspect,
      width: canvas.width / devicePixelRatio,
      height: canvas.height / devicePixelRatio,
    };
    ctx2d.setTransform(devicePixelRatio, 0, 0, devicePixelRatio, 0, 0);
    drawScene(
      ctx2d,
      {
        strokes: session.strokes,
        current: session.current,
        cursor: session.cursor,
        laser: this.laser.visible(this.lastFrameT),
      },
      view,
    );
  }

  /** Move the HUD to the other edge when the pen (or the stroke it draws) comes near it. */
  private keepHudClear(cursor: Point | null, current: readonly Point[] | null): void {
    const parts = this.parts;
    if (!parts || !this.pinning) return;
    const box = this.pinning.rect();
    const view: InkView = { aspect: this.aspect, width: box.width, height: box.height };
    const last = current?.[current.length - 1];
    const points = [cursor, last]
      .filter((p): p is Point => p !== null && p !== undefined)
      .map((p) => toCanvas(p, view))
      .map((p) => ({ x: p.x + box.left, y: p.y + box.top }));
    const dock = nextDock(parts.hud.dock, parts.hud.element.getBoundingClientRect(), points);
    if (dock !== parts.hud.dock) {
      parts.hud.dock = dock;
      parts.root.dataset['hudDock'] = dock;
    }
  }

  private showReading(r: ReturnType<RecognitionState['set']>): void {
    this.parts?.hud.showRecognition(r);
    this.parts?.root.setAttribute('data-latex', r?.latex ?? '');
  }

  private clearInk(): void {
    this.session?.clear();
    this.reading.clear();
    this.showReading(null);
    this.draw();
  }

  private async sendEquation(): Promise<void> {
    const session = this.session;
    const equation =
      session && this.reading.draft(session.timedStrokes, crypto.randomUUID(), Date.now());
    if (!equation) return;
    this.sent.add(equation.id, equation.latex);
    this.parts?.root.setAttribute('data-sent', equation.latex);
    this.clearInk();
    this.parts?.hud.showAnswer(null, `Sending ${equation.latex}…`);
    await sendMessage('sendEquation', equation);
  }

  onEquationUpdate(update: EquationUpdate): void {
    const latex = this.sent.update(update);
    const parts = this.parts;
    if (latex === null || !parts) return;
    parts.hud.showAnswer(update.answer, statusNote(update));
    parts.root.setAttribute('data-answered-ids', this.sent.answered.join(' '));
    if (update.answer) {
      // Which equation this answer belongs to (several may be in flight).
      parts.root.setAttribute('data-answered', latex);
      parts.root.setAttribute('data-answer', update.answer);
    }
  }

  private togglePreview(): void {
    this.previewVisible = !this.previewVisible;
    if (!this.parts) return;
    this.parts.tracker.iframe.dataset['hidden'] = String(!this.previewVisible);
    this.parts.tracker.send({ type: 'preview', visible: this.previewVisible });
  }

  /**
   * Input source: the hands of a person in a <video> on the page (the pinned one, else the
   * largest) instead of the webcam; toggles back to the webcam.
   */
  private toggleHandsFromVideo(): void {
    const parts = this.parts;
    if (!parts || !this.pageVideo || !this.pinning) return;
    if (this.pageVideo.active) {
      this.pageVideo.stop();
      parts.root.setAttribute('data-source', 'camera');
      this.startCamera();
      return;
    }
    if (!this.pinning.pinned) this.pinNextVideo();
    if (!this.pinning.pinned) {
      parts.hud.setStatus('No video on this page');
      return;
    }
    this.pageVideo.use(this.pinning.pinned);
    parts.root.setAttribute('data-source', 'page-video');
    this.startCamera();
  }

  /** Annotation mode: pin the ink to the next visible <video> (largest first); then unpin. */
  private pinNextVideo(): void {
    const pinned = this.pinning?.pinNext() ?? null;
    this.parts?.root.setAttribute('data-pinned', pinned ? 'video' : 'page');
    this.parts?.hud.setStatus(pinned ? 'Pinned to a video' : 'Over the whole page');
    this.clearInk();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopped.abort();
    this.pageVideo?.stop();
    this.pinning?.stop();
    this.parts?.tracker.close();
    this.ui?.remove();
    this.onClosed();
  }
}
