import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A webcam video for Chromium's fake camera, made with ffmpeg from the real hand photos
 * (shared/data/hands): the pointing hand's index fingertip follows the strokes of a real
 * handwritten equation (pen down), the victory hand hovers between strokes (pen up), and a
 * held thumbs-up at the end sends it. Same recipe as shared/data/airwriting: the equation
 * fills a box in the upper part of the frame (so the hand below the fingertip stays in
 * view), the photo is scaled so the hand is ~210 px tall, the rest of the frame repeats the
 * photo's edge pixels. The path is mirrored, as a camera sees a person writing.
 */

export const VIDEO_WIDTH = 640;
export const VIDEO_HEIGHT = 480;
/**
 * 15 fps, and slow writing (below): a loaded 2-core machine (detection took 80–170 ms a
 * frame there) still sees several frames of every short stroke such as the bars of "+".
 */
export const VIDEO_FPS = 15;
/** Writing speed in px/s: careful writing (the air-writing set used 273–489 px/s). */
const SPEED_PX_PER_S = 120;
/** Hand height in the video (the air-writing set used 185–235 px). */
const HAND_PX = 210;
/** The box the equation is scaled into (air-writing recipe). */
const BOX = { x0: 96, x1: 544, y0: 30, y1: 290 };
/** Hover at least this many frames between strokes (400 ms: a pause a writer makes). */
const MIN_HOVER_FRAMES = 6;
/** 2 s of hover first: the tracker warms up (first detections are slow) before writing. */
const LEAD_IN_FRAMES = 30;
const LEAD_OUT_HOVER_FRAMES = 8;
/** Thumbs up held 1.6 s: the submit gesture needs 600 ms + confirmation frames. */
const THUMBS_UP_FRAMES = 24;
/** No hand at the end, so the loop restart (the fake camera loops) begins cleanly. */
const EMPTY_FRAMES = 8;

interface Photo {
  rgb: Buffer;
  width: number;
  height: number;
  /** Index fingertip (px) and hand height (px) from MediaPipe's landmarks of this photo. */
  tip: [number, number];
  handPx: number;
}

interface LandmarkResults {
  results: {
    file: string;
    model: string;
    width: number;
    height: number;
    hands: { landmarks: number[][] }[];
  }[];
}

function loadPhoto(handsDir: string, file: string, landmarks: LandmarkResults): Photo {
  const r = landmarks.results.find((x) => x.file === file && x.model === 'full');
  const hand = r?.hands[0]?.landmarks;
  if (!r || !hand) throw new Error(`no landmarks for ${file}`);
  const rgb = execFileSync(
    'ffmpeg',
    ['-v', 'error', '-i', join(handsDir, file), '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const ys = hand.map((p) => (p[1] ?? 0) * r.height);
  return {
    rgb,
    width: r.width,
    height: r.height,
    tip: [(hand[8]?.[0] ?? 0) * r.width, (hand[8]?.[1] ?? 0) * r.height],
    handPx: Math.max(...ys) - Math.min(...ys),
  };
}

/** One frame: `photo` scaled so its hand is HAND_PX tall, its fingertip at (x, y). */
function compose(photo: Photo | null, x: number, y: number, out: Buffer): void {
  if (!photo) {
    out.fill(96);
    return;
  }
  const s = HAND_PX / photo.handPx;
  const ox = x - photo.tip[0] * s;
  const oy = y - photo.tip[1] * s;
  const colOf = new Int32Array(VIDEO_WIDTH);
  for (let X = 0; X < VIDEO_WIDTH; X++)
    colOf[X] = Math.min(photo.width - 1, Math.max(0, Math.floor((X - ox) / s)));
  let o = 0;
  for (let Y = 0; Y < VIDEO_HEIGHT; Y++) {
    const row = Math.min(photo.height - 1, Math.max(0, Math.floor((Y - oy) / s))) * photo.width;
    for (let X = 0; X < VIDEO_WIDTH; X++) {
      const i = (row + (colOf[X] ?? 0)) * 3;
      out[o++] = photo.rgb[i] ?? 0;
      out[o++] = photo.rgb[i + 1] ?? 0;
      out[o++] = photo.rgb[i + 2] ?? 0;
    }
  }
}

type Pose = 'write' | 'hover' | 'send' | 'none';
interface Shot {
  pose: Pose;
  x: number;
  y: number;
}

/** The fingertip path: strokes (write), straight hover moves between them, then send. */
export function planShots(strokes: number[][][]): Shot[] {
  const pts = strokes.flat();
  const xs = pts.map((p) => p[0] ?? 0);
  const ys = pts.map((p) => p[1] ?? 0);
  const [minX, maxX, minY, maxY] = [
    Math.min(...xs),
    Math.max(...xs),
    Math.min(...ys),
    Math.max(...ys),
  ];
  const scale = Math.min(
    (BOX.x1 - BOX.x0) / (maxX - minX || 1),
    (BOX.y1 - BOX.y0) / (maxY - minY || 1),
  );
  const w = (maxX - minX) * scale;
  const h = (maxY - minY) * scale;
  const place = (p: number[]): [number, number] => {
    const x = BOX.x0 + (BOX.x1 - BOX.x0 - w) / 2 + ((p[0] ?? 0) - minX) * scale;
    const y = BOX.y0 + (BOX.y1 - BOX.y0 - h) / 2 + ((p[1] ?? 0) - minY) * scale;
    return [VIDEO_WIDTH - x, y]; // mirrored: the camera faces the writer
  };
  const step = SPEED_PX_PER_S / VIDEO_FPS;
  const shots: Shot[] = [];
  const line = (a: [number, number], b: [number, number], pose: Pose, minFrames: number) => {
    const n = Math.max(minFrames, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / step));
    for (let i = 1; i <= n; i++)
      shots.push({ pose, x: a[0] + ((b[0] - a[0]) * i) / n, y: a[1] + ((b[1] - a[1]) * i) / n });
  };
  const placed = strokes.map((s) => s.map(place));
  const first = placed[0]?.[0] ?? [320, 160];
  for (let i = 0; i < LEAD_IN_FRAMES; i++) shots.push({ pose: 'hover', x: first[0], y: first[1] });
  let at = first;
  for (const stroke of placed) {
    const start = stroke[0];
    if (!start) continue;
    if (at !== first || shots.length > LEAD_IN_FRAMES) line(at, start, 'hover', MIN_HOVER_FRAMES);
    shots.push({ pose: 'write', x: start[0], y: start[1] });
    for (let i = 1; i < stroke.length; i++)
      line(stroke[i - 1] ?? start, stroke[i] ?? start, 'write', 1);
    at = stroke.at(-1) ?? start;
  }
  for (let i = 0; i < LEAD_OUT_HOVER_FRAMES; i++) shots.push({ pose: 'hover', x: at[0], y: at[1] });
  for (let i = 0; i < THUMBS_UP_FRAMES; i++)
    shots.push({ pose: 'send', x: VIDEO_WIDTH / 2, y: VIDEO_HEIGHT / 2 });
  for (let i = 0; i < EMPTY_FRAMES; i++) shots.push({ pose: 'none', x: 0, y: 0 });
  return shots;
}

/**
 * Writes the Y4M (yuv420p, what Chromium's fake capture reads) and returns its frame count.
 * `fps` other than VIDEO_FPS plays the same frames faster (the bench runs the camera at 30).
 */
export async function writeAirWritingY4m(
  handsDir: string,
  strokes: number[][][],
  outPath: string,
  fps = VIDEO_FPS,
): Promise<number> {
  const landmarks = JSON.parse(
    readFileSync(join(handsDir, 'landmarks.json'), 'utf8'),
  ) as LandmarkResults;
  const photos: Record<Pose, Photo | null> = {
    write: loadPhoto(handsDir, 'fingerpose_nocurl.jpg', landmarks),
    hover: loadPhoto(handsDir, 'victory.jpg', landmarks),
    send: loadPhoto(handsDir, 'thumbs_up.jpg', landmarks),
    none: null,
  };
  const shots = planShots(strokes);
  const ffmpeg = spawn(
    'ffmpeg',
    [
      '-v',
      'error',
      '-y',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      '-s',
      `${VIDEO_WIDTH}x${VIDEO_HEIGHT}`,
      '-r',
      String(fps),
      '-i',
      '-',
      '-pix_fmt',
      'yuv420p',
      outPath,
    ],
    { stdio: ['pipe', 'ignore', 'pipe'] },
  );
  let stderr = '';
  ffmpeg.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<void>((resolve, reject) =>
    ffmpeg.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`ffmpeg ${code}: ${stderr}`)),
    ),
  );
  for (const shot of shots) {
    const frame = Buffer.alloc(VIDEO_WIDTH * VIDEO_HEIGHT * 3);
    compose(photos[shot.pose], shot.x, shot.y, frame);
    if (!ffmpeg.stdin.write(frame)) await new Promise((r) => ffmpeg.stdin.once('drain', r));
  }
  ffmpeg.stdin.end();
  await done;
  return shots.length;
}
