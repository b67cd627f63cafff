/** The first-visit tour: what a new user needs to find on a board, one short card each. */
export interface TourStep {
  readonly title: string;
  readonly text: string;
}

export const TOUR_STEPS: readonly TourStep[] = [
  {
    title: 'Type an equation',
    text: 'Press T (or x= in the toolbar) and type something like x^2 = 4. MotionMath solves and graphs it on the board.',
  },
  {
    title: 'Write with the math pen',
    text: 'Pick the math pen (M) and write by hand. Your writing becomes an equation; tap a misread symbol to correct it.',
  },
  {
    title: 'Write in the air',
    text: 'With the MotionMath browser extension you write with your finger in front of the camera, on any page.',
  },
  {
    title: 'Share your board',
    text: 'Share gives you a link so others can watch or write along with you, live.',
  },
];

export const tourSeenKey = (userId: string) => `motionmath.tour-seen.${userId}`;

/** Whether this user already saw (or dismissed) the tour in this browser. */
export function hasSeenTour(storage: Storage | null, userId: string): boolean {
  try {
    return storage?.getItem(tourSeenKey(userId)) === '1';
  } catch {
    return false; // Storage disabled: showing it again is better than never.
  }
}

export function markTourSeen(storage: Storage | null, userId: string): void {
  try {
    storage?.setItem(tourSeenKey(userId), '1');
  } catch {
    // Storage full or disabled: the tour shows again next visit, nothing worse.
  }
}
