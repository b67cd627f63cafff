/// <reference lib="webworker" />
import * as recognizer from '@motionmath/recognizer';
import type { WorkerRequest } from './recognition.ts';
import { handleRequest } from './recognition.ts';

/** The recognizer off the main thread: classifying a long equation takes tens of ms. One
 * classifier holds the user's personal samples for the worker's lifetime. */
const classifier = new recognizer.SymbolClassifier();

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  try {
    const response = handleRequest(recognizer, classifier, event.data);
    if (response) self.postMessage(response);
  } catch (error) {
    // A bad samples file must not kill the worker: recognition goes on without it.
    console.error('recognizer worker:', error);
  }
};
