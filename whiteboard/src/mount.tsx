import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiClient } from './api/client.ts';
import { App } from './app/App.tsx';
import 'katex/dist/katex.min.css';
import './app/styles.css';

export interface MountOptions {
  /** Origin of the collab-server HTTP API; defaults to the page's origin (it serves us). */
  readonly apiBase?: string;
  /** WebSocket URL of the collab-server; defaults to the page's origin over ws(s). */
  readonly wsUrl?: string;
}

/** Render the whole app (sign in, board list, boards) into `element`; returns an unmount function. */
export function mountWhiteboard(element: HTMLElement, options: MountOptions = {}): () => void {
  const apiBase = options.apiBase ?? location.origin;
  const wsUrl = options.wsUrl ?? apiBase.replace(/^http/, 'ws');
  const root = createRoot(element);
  root.render(
    <StrictMode>
      <App api={new ApiClient(apiBase)} wsUrl={wsUrl} />
    </StrictMode>,
  );
  return () => root.unmount();
}
