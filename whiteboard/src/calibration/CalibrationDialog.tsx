import { useState } from 'react';
import { Dialog } from '../app/dialogs/Dialog.tsx';
import type { PersonalSamples } from '../math/personal-samples.ts';
import { InkPad } from './InkPad.tsx';
import {
  back,
  collectedSamples,
  currentLabel,
  displaySymbol,
  next,
  progress,
  setInk,
  skip,
  startCalibration,
} from './session.ts';
import './calibration.css';

type Saving = { state: 'idle' } | { state: 'saving' } | { state: 'saved'; count: number };

/** "Teach MotionMath your handwriting": one symbol at a time, stored as personal samples. */
export function CalibrationDialog({
  samples,
  onClose,
}: {
  samples: PersonalSamples;
  onClose: () => void;
}) {
  const [session, setSession] = useState(startCalibration);
  const [saving, setSaving] = useState<Saving>({ state: 'idle' });
  const { step, total, written } = progress(session);
  const label = currentLabel(session);
  const ink = session.written[session.index] ?? [];

  const save = async () => {
    const collected = collectedSamples(session);
    setSaving({ state: 'saving' });
    // Each sample joins the board's recognizer at once; flush sends them all in one save.
    for (const s of collected) samples.add(s.label, s.strokes);
    await samples.flush();
    setSaving({ state: 'saved', count: collected.length });
  };

  if (session.done) {
    return (
      <Dialog title="Teach MotionMath your handwriting" onClose={onClose}>
        {saving.state === 'saved' ? (
          <p role="status">
            Saved {saving.count} {saving.count === 1 ? 'symbol' : 'symbols'}. The math pen now reads
            your handwriting with them, on every board.
          </p>
        ) : (
          <p>
            You wrote {written} of {total} symbols.{' '}
            {written === 0 ? 'Go back to write some, or close.' : 'Save them to your account?'}
          </p>
        )}
        <div className="calibration-actions">
          {saving.state !== 'saved' && (
            <button type="button" onClick={() => setSession(back)}>
              Back
            </button>
          )}
          {saving.state === 'saved' ? (
            <button type="button" className="primary" onClick={onClose}>
              Done
            </button>
          ) : (
            <button
              type="button"
              className="primary"
              disabled={written === 0 || saving.state === 'saving'}
              onClick={() => void save()}
            >
              {saving.state === 'saving' ? 'Saving…' : 'Save'}
            </button>
          )}
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title="Teach MotionMath your handwriting" onClose={onClose}>
      <p className="calibration-prompt">
        Write <span className="calibration-symbol">{displaySymbol(label)}</span> once, as you
        usually do.
      </p>
      <InkPad
        key={session.index}
        label={`Writing pad for ${displaySymbol(label)}`}
        strokes={ink}
        onChange={(strokes) => setSession((s) => setInk(s, strokes))}
      />
      <div className="calibration-progress">
        <progress max={total} value={step} aria-label="Progress" />
        <span>
          Symbol {step} of {total}
        </span>
      </div>
      <div className="calibration-actions">
        <button type="button" onClick={() => setSession(back)} disabled={session.index === 0}>
          Back
        </button>
        <button type="button" onClick={() => setSession(skip)}>
          Skip
        </button>
        <button
          type="button"
          className="primary"
          disabled={ink.length === 0}
          onClick={() => setSession(next)}
        >
          Next
        </button>
      </div>
    </Dialog>
  );
}
