import { useState } from 'react';
import type { ReactNode } from 'react';
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
 * small corner buttons that open them again, beside the user's own choices of how their
 * handwriting is read (`children`). */
export function BoardGuide({
  userId,
  samples,
  children,
}: {
  userId: string;
  samples: PersonalSamples | null;
  children?: ReactNode;
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
        {children}
      </div>
      {tourOpen && <Tour onClose={closeTour} />}
      {calibrating && samples && (
        <CalibrationDialog samples={samples} onClose={() => setCalibrating(false)} />
      )}
    </>
  );
}
