import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '@motionmath/testkit';
import { PINCH_ENTER_RATIO, PINCH_EXIT_RATIO, classifyHand } from './gesture.ts';
import type { Gesture } from './gesture.ts';

interface LandmarkFile {
  results: {
    file: string;
    model: string;
    width: number;
    height: number;
    expected: string;
    hands: { landmarks: number[][] }[];
  }[];
}

const file = sharedData('hands/landmarks.json');
const data: LandmarkFile | null = file.path
  ? (JSON.parse(readFileSync(file.path, 'utf8')) as LandmarkFile)
  : null;

/** What each person-assigned label must classify as ("half_curl/other" is no gesture). */
const EXPECTED: Record<string, Gesture> = {
  fist: 'fist',
  'half_curl/other': 'none',
  pointing: 'pointing',
  open_palm: 'open_palm',
  thumbs_up: 'thumbs_up',
  thumbs_down: 'thumbs_down',
  victory: 'victory',
};

/** Rotate in the image plane about the wrist (in isotropic pixels) and scale. */
function transform(hand: number[][], aspect: number, deg: number, scale: number): number[][] {
  const [wx, wy] = [hand[0]![0]! * aspect, hand[0]![1]!];
  const c = Math.cos((deg * Math.PI) / 180);
  const s = Math.sin((deg * Math.PI) / 180);
  return hand.map(([x, y, z]) => {
    const dx = x! * aspect - wx;
    const dy = y! - wy;
    return [
      (0.5 + scale * (c * dx - s * dy)) / aspect,
      0.5 + scale * (s * dx + c * dy),
      z! * scale,
    ];
  });
}

describe.skipIf(!data)(`gestures on real MediaPipe landmarks ${file.skipReason ?? ''}`, () => {
  const cases = (data?.results ?? []).flatMap((r) =>
    r.hands.map((h, i) => ({ ...r, hand: h.landmarks, name: `${r.file} #${i} (${r.model})` })),
  );

  it.each(cases)('$name → expected label', (c) => {
    const want = EXPECTED[c.expected];
    expect(want, `unknown label ${c.expected}`).toBeDefined();
    expect(classifyHand(c.hand, { aspect: c.width / c.height }).gesture).toBe(want);
  });

  it.each(cases)('$name is invariant to scale and in-plane rotation', (c) => {
    const aspect = c.width / c.height;
    const want = EXPECTED[c.expected];
    // Thumbs up/down are defined by direction: only small tilts must keep the label.
    const angles =
      want === 'thumbs_up' || want === 'thumbs_down' ? [-30, 30] : [-150, -90, 45, 120, 180];
    for (const deg of angles)
      for (const scale of [0.3, 2.5]) {
        const moved = transform(c.hand, aspect, deg, scale);
        expect(classifyHand(moved, { aspect }).gesture, `${deg}° ×${scale}`).toBe(want);
      }
  });

  it('thumbs up turned upside down reads as thumbs down', () => {
    const c = cases.find((x) => x.expected === 'thumbs_up')!;
    const aspect = c.width / c.height;
    expect(classifyHand(transform(c.hand, aspect, 180, 1), { aspect }).gesture).toBe('thumbs_down');
  });

  it('a pinch is recognized with hysteresis between enter and exit distances', () => {
    const c = cases.find((x) => x.file === 'fingerpose_nocurl.jpg')!;
    const aspect = c.width / c.height;
    // Bring the real thumb tip towards the index tip to a given distance (in palm lengths).
    const at = (ratio: number): number[][] => {
      const h = c.hand.map((p) => [...p]);
      const palm = Math.hypot((h[9]![0]! - h[0]![0]!) * aspect, h[9]![1]! - h[0]![1]!);
      h[4] = [h[8]![0]! + (ratio * palm) / aspect, h[8]![1]!, h[8]![2]!];
      return h;
    };
    const between = (PINCH_ENTER_RATIO + PINCH_EXIT_RATIO) / 2;
    expect(classifyHand(at(PINCH_ENTER_RATIO * 0.6), { aspect }).gesture).toBe('pinch');
    expect(classifyHand(at(between), { aspect }).gesture).not.toBe('pinch');
    expect(classifyHand(at(between), { aspect, wasPinching: true }).gesture).toBe('pinch');
    expect(
      classifyHand(at(PINCH_EXIT_RATIO * 1.3), { aspect, wasPinching: true }).gesture,
    ).not.toBe('pinch');
  });
});

describe('malformed hands', () => {
  it('wrong landmark count, NaN or empty input is no gesture', () => {
    expect(classifyHand([]).gesture).toBe('none');
    expect(classifyHand([[0, 0, 0]]).gesture).toBe('none');
    expect(classifyHand(Array.from({ length: 21 }, () => [NaN, 0, 0])).gesture).toBe('none');
    expect(classifyHand(Array.from({ length: 21 }, () => [0.5, 0.5, 0])).gesture).toBe('none');
  });
});
