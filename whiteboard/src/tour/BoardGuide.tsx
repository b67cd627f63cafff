import { useState } from 'react';
import { CalibrationDialog } from '../calibration/CalibrationDialog.tsx';
import type { PersonalSamples } from '../math/personal-samples.ts';
import { hasSeenTour, markTourSeen } from './steps.ts';
import { Tour } from './Tour.tsx';
import './tour.css';

const storage = (): Storage | null => {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
};

/** The board's guidance: the first-visit tour and handwriting calibration, and the
 * small corner buttons that open them again. */
export function BoardGuide({
  userId,
  samples,
}: {
  userId: string;
  samples: PersonalSamples | null;
}) {
  const [tourOpen, setTourOpen] = useState(() => !hasSeenTour(storage(), userId));
  const [calibrating, setCalibrating] = useState(false);
  const closeTour = () => {
    markTourSeen(storage(), userId);
    setTourOpen(false);
  };
  return (
    <>
      <div className="guide-buttons">
        <button type="button" onClick={() => setTourOpen(true)} disabled={tourOpen}>
          Tour
        </button>
        {samples && (
          <button type="button" onClick={() => setCalibrating(true)}>
            Teach your handwriting
          </button>
        )}
      </div>
      {tourOpen && <Tour onClose={closeTour} />}
      {calibrating && samples && (
        <CalibrationDialog samples={samples} onClose={() => setCalibrating(false)} />
      )}
    </>
  );
}
