import type { HandLandmarker } from '@mediapipe/tasks-vision';
import { browser } from 'wxt/browser';
import type { Browser } from 'wxt/browser';
import { blockForeignFetch } from '../../lib/network-guard.ts';
import { FrameCanvas, createLandmarker, toArrays } from '../../lib/landmarker.ts';
import { wallClockMs } from '../../lib/frame-stats.ts';
import { TRACKER_PORT_PREFIX, TRACKER_RELAY_PREFIX } from '../../lib/messages.ts';
import type { ModelVariant, PageFrame, TrackerCommand, TrackerEvent } from '../../lib/messages.ts';

/**
 * The tracker: an extension page the overlay embeds in an iframe. It owns the camera and
 * HandLandmarker and sends landmarks back over a `runtime` port.
 *
 * Security: any web page can embed a web-accessible page, so this page obeys *only* a
 * port opened by this extension's content script (pages cannot open `runtime` ports to
 * it), whose name carries the nonce the content script put in our URL. It never listens
 * to `window.postMessage` for commands and never posts landmarks to its parent window.
 */

const blocked = blockForeignFetch();
const video = document.querySelector('video') as HTMLVideoElement;
const nonce = new URLSearchParams(location.hash.slice(1)).get('n') ?? '';
/** Camera state, for tests that embed this page from a hostile page. */
document.documentElement.dataset['camera'] = 'off';

let port: Browser.runtime.Port | null = null;
let stream: MediaStream | null = null;
let landmarker: HandLandmarker | null = null;
let landmarkerKey = '';
let running = false;
let lastT = -1;
/** Every frame is drawn into this one canvas before detection (see FrameCanvas). */
const frameCanvas = new FrameCanvas();
/** The camera's frame counter at the last detection, to count the frames skipped since. */
let lastPresented = -1;
/** The key page frames must carry; null when not in page-video mode. */
let pageFrameKey: string | null = null;

function post(event: TrackerEvent): void {
  port?.postMessage(event);
}

/**
 * Bumped by every start and stop: a start that finishes after a newer start or a stop
 * (the overlay closed while the camera was opening) releases what it got.
 */
let generation = 0;

async function start(cmd: Extract<TrackerCommand, { type: 'start' }>): Promise<void> {
  stop();
  const mine = generation;
  post({ type: 'status', state: 'loading', model: cmd.model });
  await ensureLandmarker(cmd.model, cmd.numHands);
  if (mine !== generation) return;
  const opened = await navigator.mediaDevices.getUserMedia({
    video: {
      ...(cmd.cameraId ? { deviceId: { exact: cmd.cameraId } } : {}),
      width: { ideal: 640 },
      height: { ideal: 480 },
    },
    audio: false,
  });
  if (mine !== generation || !port) {
    for (const track of opened.getTracks()) track.stop();
    return;
  }
  stream = opened;
  document.documentElement.dataset['camera'] = 'on';
  video.srcObject = stream;
  await video.play();
  if (mine !== generation) return; // stopped while starting: stop() released the stream
  running = true;
  lastPresented = -1;
  post({ type: 'status', state: 'running', model: cmd.model });
  video.requestVideoFrameCallback(onFrame);
}

/**
 * One camera frame: draw, detect, post. Runs from requestVideoFrameCallback, registered
 * again only after detection: frames that arrive while detection is busy are skipped (and
 * counted), never queued, so the pen always follows the newest frame.
 */
function onFrame(_now: number, meta: VideoFrameCallbackMetadata): void {
  if (!running || !landmarker) return;
  const skipped = lastPresented < 0 ? 0 : Math.max(0, meta.presentedFrames - lastPresented - 1);
  lastPresented = meta.presentedFrames;
  detectAndPost(video, video.videoWidth, video.videoHeight, skipped);
  video.requestVideoFrameCallback(onFrame);
}

function detectAndPost(source: CanvasImageSource, width: number, height: number, skipped: number) {
  if (!landmarker || width === 0 || height === 0) return;
  const capturedAt = wallClockMs();
  // detectForVideo needs strictly increasing timestamps.
  const t = Math.max(performance.now(), lastT + 1);
  lastT = t;
  const t0 = performance.now();
  const canvas = frameCanvas.draw(source, width, height);
  const t1 = performance.now();
  const result = landmarker.detectForVideo(canvas, t);
  const detectMs = performance.now() - t1;
  post({
    type: 'frame',
    t,
    hands: toArrays(result.landmarks),
    width,
    height,
    detectMs,
    pipeline: { capturedAt, drawMs: t1 - t0, skipped },
  });
}

async function ensureLandmarker(model: ModelVariant, numHands: number): Promise<HandLandmarker> {
  const key = `${model}:${numHands}`;
  if (!landmarker || landmarkerKey !== key) {
    landmarker?.close();
    landmarker = null;
    landmarker = await createLandmarker(model, 'VIDEO', numHands);
    landmarkerKey = key;
  }
  return landmarker;
}

async function startPageFrames(
  cmd: Extract<TrackerCommand, { type: 'start-page-frames' }>,
): Promise<void> {
  stop();
  const mine = generation;
  post({ type: 'status', state: 'loading', model: cmd.model });
  await ensureLandmarker(cmd.model, cmd.numHands);
  if (mine !== generation) return;
  pageFrameKey = cmd.key;
  post({ type: 'status', state: 'running', model: cmd.model });
}

/**
 * Page-video frames. Only with the key the content script sent over the port: a page
 * cannot learn it (it travels through the port and through postMessage to this window,
 * which the page cannot observe), and could at worst feed frames, never read landmarks
 * or start the camera.
 */
window.addEventListener('message', (event: MessageEvent<Partial<PageFrame>>) => {
  const data = event.data;
  if (pageFrameKey === null || data?.type !== 'motionmath-page-frame') return;
  const bitmap = data.bitmap;
  if (data.key !== pageFrameKey || !(bitmap instanceof ImageBitmap) || !landmarker) {
    if (bitmap instanceof ImageBitmap) bitmap.close();
    return;
  }
  // The overlay keeps one frame in flight, so it skips (and knows) what we could not take.
  detectAndPost(bitmap, bitmap.width, bitmap.height, 0);
  bitmap.close();
});

function stop(): void {
  generation++;
  pageFrameKey = null;
  running = false;
  for (const track of stream?.getTracks() ?? []) track.stop();
  stream = null;
  video.srcObject = null;
  document.documentElement.dataset['camera'] = 'off';
  post({ type: 'status', state: 'stopped' });
}

/** Commands arrive on `p`, which carries only what our content script sent. */
function attachPort(p: Browser.runtime.Port): void {
  port = p;
  p.onMessage.addListener((msg: TrackerCommand) => {
    if (msg.type === 'start')
      start(msg).catch((e: unknown) => post({ type: 'error', message: String(e) }));
    else if (msg.type === 'start-page-frames')
      startPageFrames(msg).catch((e: unknown) => post({ type: 'error', message: String(e) }));
    else if (msg.type === 'stop') stop();
    else if (msg.type === 'preview')
      document.body.dataset['preview'] = msg.visible ? 'shown' : 'hidden';
  });
  p.onDisconnect.addListener(() => {
    port = null;
    stop();
  });
}

if (location.protocol === 'moz-extension:') {
  // Firefox never delivers onConnect to an extension page framed by a web page: we open
  // the port and the background pairs it with the overlay's (lib/tracker-relay.ts).
  if (nonce !== '') attachPort(browser.runtime.connect({ name: TRACKER_RELAY_PREFIX + nonce }));
} else {
  browser.runtime.onConnect.addListener((p) => {
    // Only our own content script, with the nonce from our URL, and only one at a time.
    if (nonce === '' || p.name !== TRACKER_PORT_PREFIX + nonce) return;
    if (p.sender?.id !== browser.runtime.id || port !== null) {
      p.disconnect();
      return;
    }
    attachPort(p);
  });
}

// A hidden tab must not keep the camera on (the overlay also stops it; this is the backstop).
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') stop();
});

/**
 * Diagnostics for tests and the benchmark, reachable only from this page's own JS world
 * (Playwright evaluates in it; web pages embedding the iframe are cross-origin): run the
 * landmarker on still images, and the list of blocked foreign requests.
 */
Object.assign(globalThis, {
  motionmathTracker: {
    blockedRequests: () => [...blocked],
    async detectImages(dataUrls: string[], model: ModelVariant) {
      const image = await createLandmarker(model, 'IMAGE', 2);
      const out: number[][][][] = [];
      for (const url of dataUrls) {
        const img = new Image();
        img.src = url;
        await img.decode();
        out.push(toArrays(image.detect(img).landmarks));
      }
      image.close();
      return out;
    },
    rawPeer,
  },
});

/**
 * The bench's peer: the bare HandLandmarker (VIDEO mode, one hand) on the same camera,
 * used the way its documentation shows, with each frame drawn into a canvas first: no
 * port, no overlay. `scale` < 1 draws a smaller canvas (the input-size check). Returns
 * draw + detect ms per frame after `warmup` frames.
 */
async function rawPeer(
  model: ModelVariant,
  frames: number,
  warmup: number,
  scale = 1,
): Promise<{ drawMs: number[]; detectMs: number[]; skipped: number }> {
  const raw = await createLandmarker(model, 'VIDEO', 1);
  const cam = await navigator.mediaDevices.getUserMedia({
    video: { width: { ideal: 640 }, height: { ideal: 480 } },
    audio: false,
  });
  const v = document.createElement('video');
  v.muted = true;
  v.srcObject = cam;
  await v.play();
  const canvas = new FrameCanvas();
  const drawMs: number[] = [];
  const detectMs: number[] = [];
  let skipped = 0;
  let presented = -1;
  let t = 0;
  try {
    await new Promise<void>((done) => {
      const step = (_now: number, meta: VideoFrameCallbackMetadata) => {
        if (presented >= 0) skipped += Math.max(0, meta.presentedFrames - presented - 1);
        presented = meta.presentedFrames;
        const t0 = performance.now();
        const c = canvas.draw(
          v,
          Math.round(v.videoWidth * scale),
          Math.round(v.videoHeight * scale),
        );
        const t1 = performance.now();
        t = Math.max(t1, t + 1);
        raw.detectForVideo(c, t);
        drawMs.push(t1 - t0);
        detectMs.push(performance.now() - t1);
        if (detectMs.length >= frames + warmup) done();
        else v.requestVideoFrameCallback(step);
      };
      v.requestVideoFrameCallback(step);
    });
  } finally {
    for (const track of cam.getTracks()) track.stop();
    raw.close();
  }
  return { drawMs: drawMs.slice(warmup), detectMs: detectMs.slice(warmup), skipped };
}
