/// <reference lib="webworker" />
import { expose } from 'comlink';
import * as recognizer from '@motionmath/recognizer';
import { createRecognizerApi } from './recognition.ts';

/** The recognizer off the main thread: classifying a long equation takes tens of ms. One
 * classifier holds the user's personal samples for the worker's lifetime; a call that
 * throws (a bad samples file) rejects that call only, the worker goes on. */
expose(createRecognizerApi(recognizer, new recognizer.SymbolClassifier()));
