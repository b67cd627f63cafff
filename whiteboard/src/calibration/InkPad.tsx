import { useRef, useState } from 'react';
import type { StrokePoint } from '@motionmath/protocol';
import { inkOutline, NO_PRESSURE, outlineToSvgPath } from '../editor/ink.ts';
import type { InkStrokes } from '../math/recognition.ts';

const PAD_SIZE = 220;
const INK_WIDTH = 6;

/** Finished strokes are kept as recognizer ink (x, y, t); drawn again without pressure. */
const toPoints = (stroke: InkStrokes[number]): StrokePoint[] =>
  stroke.map((p) => ({ x: p.x, y: p.y, t: p.t ?? 0, pressure: NO_PRESSURE }));

/**
 * A small square to write one symbol on, with the board's math pen ink (raw points with
 * pressure and time, drawn with perfect-freehand). Controlled: `strokes` are what was
 * written so far (kept by the calibration when the person goes back).
 */
export function InkPad({
  label,
  strokes,
  onChange,
}: {
  /** Accessible name: which symbol to write. */
  label: string;
  strokes: InkStrokes;
  onChange: (strokes: InkStrokes) => void;
}) {
  const [live, setLive] = useState<StrokePoint[] | null>(null);
  const start = useRef(0);

  const point = (e: React.PointerEvent<SVGSVGElement>): StrokePoint => {
    const box = e.currentTarget.getBoundingClientRect();
    return {
      x: ((e.clientX - box.left) / box.width) * PAD_SIZE,
      y: ((e.clientY - box.top) / box.height) * PAD_SIZE,
      // A mouse reports 0 while a button is down on some platforms: treat as no pressure.
      pressure: e.pointerType === 'pen' && e.pressure > 0 ? e.pressure : NO_PRESSURE,
      t: e.timeStamp - start.current,
    };
  };
  const finish = () => {
    if (!live) return;
    setLive(null);
    onChange([...strokes, live.map((p) => ({ x: p.x, y: p.y, t: p.t }))]);
  };
  const clear = () => {
    setLive(null);
    onChange([]);
  };

  return (
    <div className="ink-pad">
      <svg
        role="img"
        aria-label={label}
        data-testid="calibration-pad"
        data-strokes={strokes.length}
        viewBox={`0 0 ${PAD_SIZE} ${PAD_SIZE}`}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          start.current = e.timeStamp;
          setLive([point(e)]);
        }}
        onPointerMove={(e) => {
          if (!live) return;
          const p = point(e);
          setLive((s) => (s ? [...s, p] : s));
        }}
        onPointerUp={finish}
        onPointerCancel={finish}
      >
        <line x1="12" x2={PAD_SIZE - 12} y1={PAD_SIZE * 0.75} y2={PAD_SIZE * 0.75} />
        {strokes.map((s, i) => (
          <path key={i} d={outlineToSvgPath(inkOutline(toPoints(s), INK_WIDTH, true))} />
        ))}
        {live && <path d={outlineToSvgPath(inkOutline(live, INK_WIDTH, false))} />}
      </svg>
      <button type="button" onClick={clear} disabled={strokes.length === 0}>
        Clear
      </button>
    </div>
  );
}
