/// <reference lib="webworker" />
import { recognizeExpression } from '@motionmath/recognizer';
import type { RecognitionRequest, RecognitionResponse } from './recognition.ts';
import { toResult } from './recognition.ts';

/** The recognizer off the main thread: classifying a long equation takes tens of ms. */
self.onmessage = (event: MessageEvent<RecognitionRequest>) => {
  const { id, strokes } = event.data;
  const response: RecognitionResponse = { id, result: toResult(recognizeExpression(strokes)) };
  self.postMessage(response);
};
