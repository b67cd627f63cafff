import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readJsonLines, sharedData } from '@motionmath/testkit';
import { PenTracker } from './pen-tracker.ts';
import type { PenEvent } from './pen-tracker.ts';
import { scoreAirwriting } from './airwriting-eval.ts';
import type { AirwritingRecord } from './airwriting-eval.ts';

interface LandmarkFile {
  results: {
    file: string;
    model: string;
    width: number;
    height: number;
    hands: { landmarks: number[][] }[];
  }[];
}

const handsFile = sharedData('hands/landmarks.json');
const airFile = sharedData('airwriting/airwriting.jsonl.gz');

function loadPoses(): Record<string, number[][]> {
  const data = JSON.parse(readFileSync(handsFile.path!, 'utf8')) as LandmarkFile;
  // Re-express each photo's hand in a 4:3 frame (the tracker's default aspect) so that
  // its shape is not distorted by the photo's own aspect ratio.
  const pose = (f: string): number[][] => {
    const r = data.results.find((x) => x.file === f && x.model === 'full')!;
    const k = r.width / r.height / (4 / 3);
    return r.hands[0]!.landmarks.map(([x, y, z]) => [x! * k, y!, z! * k]);
  };
  return {
    pointing: pose('fingerpose_nocurl.jpg'),
    victory: pose('victory.jpg'),
    thumbsUp: pose('thumbs_up.jpg'),
    thumbsDown: pose('thumbs_down.jpg'),
    fist: pose('fingerpose_fullcurl.jpg'),
  };
}

/** Move a real hand so its index tip is at (x, y): the airwriting data set's recipe. */
function handAt(hand: number[][], x: number, y: number): number[][] {
  const [tx, ty] = [hand[8]![0]!, hand[8]![1]!];
  return hand.map(([a, b, c]) => [a! - tx + x, b! - ty + y, c!]);
}

describe.skipIf(!handsFile.path)(`pen tracker on real poses ${handsFile.skipReason ?? ''}`, () => {
  const poses = handsFile.path ? loadPoses() : {};

  it('writes while pointing, hovers in victory, bridges one lost frame', () => {
    // The live points (finish: false): this test counts frames, not resampled ink.
    const tr = new PenTracker({ mode: 'point', finish: false });
    const events: PenEvent[] = [];
    let t = 0;
    const feed = (pose: string | null, x: number, y: number): void => {
      events.push(...tr.push({ t, hands: pose ? [handAt(poses[pose]!, x, y)] : [] }));
      t += 33;
    };
    for (let i = 0; i < 5; i++) feed('victory', 0.2, 0.3);
    for (let i = 0; i < 10; i++) feed('pointing', 0.2 + i * 0.01, 0.3);
    feed(null, 0, 0); // a one-frame dropout inside the stroke
    for (let i = 0; i < 10; i++) feed('pointing', 0.3 + i * 0.01, 0.3);
    feed(null, 0, 0); // the typical lost frame at a pose switch
    for (let i = 0; i < 5; i++) feed('victory', 0.5, 0.4);
    for (let i = 0; i < 4; i++) feed('pointing', 0.5, 0.4 + i * 0.01);
    for (let i = 0; i < 3; i++) feed('victory', 0.5, 0.5);
    expect(tr.strokes).toHaveLength(2);
    expect(tr.strokes[0]!.points).toHaveLength(20);
    // Retroactive start: the first point is the first pointing frame.
    expect(tr.strokes[0]!.t0).toBe(5 * 33);
    expect(tr.strokes[1]!.points).toHaveLength(4);
    expect(events.filter((e) => e.type === 'pen-down')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'pen-up')).toHaveLength(2);
  });

  it('a single misread frame does not lift or drop the pen', () => {
    const tr = new PenTracker({ mode: 'point', finish: false });
    let t = 0;
    const seq = [
      'victory',
      'victory',
      'pointing',
      'victory',
      'victory',
      'pointing',
      'pointing',
      'fist',
      'pointing',
      'pointing',
      'victory',
      'victory',
    ];
    for (const p of seq) tr.push({ t: (t += 33), hands: [handAt(poses[p]!, 0.5, 0.5)] });
    expect(tr.strokes).toHaveLength(1);
    expect(tr.strokes[0]!.points).toHaveLength(5);
  });

  it('fires submit after thumbs up is held 0.6 s, once per hold; undo pops a stroke', () => {
    const tr = new PenTracker();
    const commands: string[] = [];
    let t = 0;
    const hold = (pose: string, ms: number): void => {
      for (const end = t + ms; t < end; t += 33)
        for (const e of tr.push({ t, hands: [handAt(poses[pose]!, 0.5, 0.5)] }))
          if (e.type === 'command') commands.push(`${e.command}@${e.t}`);
    };
    hold('pointing', 200);
    hold('victory', 200);
    hold('thumbsUp', 500);
    expect(commands).toEqual([]);
    hold('thumbsUp', 1000);
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatch(/^submit@/);
    expect(tr.strokes).toHaveLength(1);
    hold('thumbsDown', 700);
    expect(commands.at(-1)).toMatch(/^undo@/);
    expect(tr.strokes).toHaveLength(0);
  });

  it('command bindings are configurable', () => {
    const tr = new PenTracker({
      commands: { submit: { gesture: 'fist', holdMs: 100 }, cancel: null },
    });
    const fired: string[] = [];
    for (let t = 0; t < 400; t += 33)
      for (const e of tr.push({ t, hands: [handAt(poses.fist!, 0.5, 0.5)] }))
        if (e.type === 'command') fired.push(e.command);
    expect(fired).toEqual(['submit']);
  });

  it('pinch mode writes only while pinching', () => {
    const tr = new PenTracker({ mode: 'pinch', finish: false });
    const pinch = poses.pointing!.map((p) => [...p]);
    pinch[4] = [pinch[8]![0]! + 0.002, pinch[8]![1]!, pinch[8]![2]!];
    let t = 0;
    for (let i = 0; i < 6; i++)
      tr.push({ t: (t += 33), hands: [handAt(poses.pointing!, 0.5, 0.5)] });
    for (let i = 0; i < 6; i++)
      tr.push({ t: (t += 33), hands: [handAt(pinch, 0.5 + i * 0.01, 0.5)] });
    for (let i = 0; i < 6; i++)
      tr.push({ t: (t += 33), hands: [handAt(poses.victory!, 0.5, 0.5)] });
    expect(tr.strokes).toHaveLength(1);
    expect(tr.strokes[0]!.points).toHaveLength(6);
  });
});

describe.skipIf(!handsFile.path)(`finished strokes ${handsFile.skipReason ?? ''}`, () => {
  const poses = handsFile.path ? loadPoses() : {};
  it('a finished stroke is the raw fingertip path, resampled; the pen times stay the live ones', () => {
    const tr = new PenTracker({ mode: 'point' });
    const live: number[] = [];
    let t = 0;
    const feed = (pose: string, x: number) => {
      for (const e of tr.push({ t: (t += 33), hands: [handAt(poses[pose]!, x, 0.4)] }))
        if (e.type === 'pen-down' || e.type === 'pen-move') live.push(e.t);
    };
    for (let i = 0; i < 4; i++) feed('victory', 0.2);
    for (let i = 0; i < 12; i++) feed('pointing', 0.2 + i * 0.02);
    for (let i = 0; i < 4; i++) feed('victory', 0.44);
    expect(tr.strokes).toHaveLength(1);
    const s = tr.strokes[0]!;
    expect(s.t0).toBe(live[0]);
    expect(s.t1).toBe(live.at(-1));
    // Many more points than frames, evenly spaced along the (horizontal) path.
    expect(s.points.length).toBeGreaterThan(3 * live.length);
    const ys = s.points.map((p) => p.y);
    expect(Math.max(...ys) - Math.min(...ys)).toBeLessThan(0.002);
    const xs = s.points.map((p) => p.x);
    expect(xs.every((x, i) => i === 0 || x > xs[i - 1]!)).toBe(true);
    // Raw, not lagging: the stroke reaches the last fingertip (x 0.42 in a 4:3 frame).
    expect(xs.at(-1)!).toBeCloseTo(0.42 * (4 / 3), 2);
  });
});

/** Floors measured on the data set (lite: 99.8 % pen frames, 40/40 stroke counts; full: 100 %). */
const MIN_PEN_STATE_ACCURACY = 0.99;
const MIN_STROKE_COUNT_MATCH = 0.95;

describe.skipIf(!airFile.path)(`air-writing end to end ${airFile.skipReason ?? ''}`, () => {
  const records = airFile.path ? readJsonLines<AirwritingRecord>(airFile.path) : [];
  it.each(['lite', 'full'])('%s model: pen state and stroke counts', (model) => {
    const recs = records.filter((r) => r.model === model);
    let frames = 0;
    let correct = 0;
    let matches = 0;
    for (const r of recs) {
      const s = scoreAirwriting(r);
      frames += s.frames;
      correct += s.penCorrect;
      if (s.strokeCountMatches) matches++;
    }
    console.log(
      `[airwriting ${model}] pen-state accuracy ${(correct / frames).toFixed(4)}, stroke counts ${matches}/${recs.length}`,
    );
    expect(recs.length).toBe(40);
    expect(correct / frames).toBeGreaterThanOrEqual(MIN_PEN_STATE_ACCURACY);
    expect(matches / recs.length).toBeGreaterThanOrEqual(MIN_STROKE_COUNT_MATCH);
  });
});
