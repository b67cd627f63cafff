import katex from 'katex';
import type { Recognition } from '@motionmath/recognizer';
import type { HudDock } from './hud-dock.ts';

/**
 * The HUD: the recognized expression (KaTeX, MathML output so no fonts or page requests
 * are needed, `trust: false` so recognized text can never become links or HTML),
 * confidence, alternatives, send/cancel and the overlay's toggles.
 */

export interface HudActions {
  send(): void;
  cancel(): void;
  pick(latex: string): void;
  togglePreview(): void;
  toggleLaser(): void;
  pinVideo(): void;
  handsFromVideo(): void;
  close(): void;
}

/** Renders LaTeX into `into`, replacing what was there (KaTeX builds the DOM nodes). */
function renderMath(latex: string, into: HTMLElement): void {
  katex.render(latex, into, {
    trust: false,
    throwOnError: false,
    output: 'mathml',
    displayMode: false,
  });
}

/**
 * The thumbs-up that sends, drawn rather than typed: 👍 is an emoji, and a machine without
 * an emoji font (many Linux desktops, our CI) shows it as an empty box.
 */
const THUMBS_UP_PATH =
  'M2 10h4v11H2zM8 21h9.5a2 2 0 0 0 2-1.6l1.4-7A2 2 0 0 0 19 10h-5.5l.9-4.4A2 2 0 0 0 12.5 3L8 9.5z';
const SVG_NS = 'http://www.w3.org/2000/svg';

function thumbsUp(): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '14');
  svg.setAttribute('height', '14');
  svg.setAttribute('aria-hidden', 'true');
  svg.style.verticalAlign = '-2px';
  svg.style.marginLeft = '6px';
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', THUMBS_UP_PATH);
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}

function button(
  label: string,
  onClick: () => void,
  action: string,
  primary = false,
  icon?: SVGSVGElement,
) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  if (icon) {
    b.append(icon);
    b.title = `${label} (or show a thumbs-up)`;
  }
  b.dataset['action'] = action;
  if (primary) b.className = 'mm-primary';
  b.addEventListener('click', onClick);
  return b;
}

export class Hud {
  readonly element: HTMLElement;
  private readonly latex: HTMLElement;
  private readonly meta: HTMLElement;
  private readonly alts: HTMLElement;
  private readonly answer: HTMLElement;
  private readonly status: HTMLElement;
  private readonly warning: HTMLElement;
  private readonly debug: HTMLElement;
  private readonly actions: HudActions;

  constructor(actions: HudActions) {
    this.actions = actions;
    this.element = document.createElement('div');
    this.element.className = 'mm-hud';
    this.latex = document.createElement('div');
    this.latex.className = 'mm-latex';
    this.meta = document.createElement('div');
    this.meta.className = 'mm-meta';
    this.alts = document.createElement('div');
    this.alts.className = 'mm-alts';
    const row = document.createElement('div');
    row.className = 'mm-actions';
    row.append(
      button('Send', () => actions.send(), 'send', true, thumbsUp()),
      button('Cancel', () => actions.cancel(), 'cancel'),
      button('Preview', () => actions.togglePreview(), 'preview'),
      button('Laser', () => actions.toggleLaser(), 'laser'),
      button('Pin to video', () => actions.pinVideo(), 'pin'),
      button('Hands from video', () => actions.handsFromVideo(), 'hands-from-video'),
      button('✕', () => actions.close(), 'close'),
    );
    this.answer = document.createElement('div');
    this.answer.className = 'mm-answer';
    this.answer.dataset['role'] = 'answer';
    this.status = document.createElement('div');
    this.status.className = 'mm-status';
    this.warning = document.createElement('div');
    this.warning.className = 'mm-warning';
    this.warning.dataset['role'] = 'warning';
    this.warning.setAttribute('aria-live', 'polite');
    this.warning.hidden = true;
    this.debug = document.createElement('div');
    this.debug.className = 'mm-debug';
    this.debug.dataset['role'] = 'frame-budget';
    this.element.dataset['dock'] = 'bottom';
    this.element.append(
      this.warning,
      this.latex,
      this.meta,
      this.alts,
      row,
      this.answer,
      this.status,
      this.debug,
    );
    this.showRecognition(null);
  }

  showRecognition(r: Recognition | null): void {
    this.latex.dataset['latex'] = r?.latex ?? '';
    if (!r || r.latex === '') {
      this.latex.textContent = 'Write in the air: point to write, ✌ to lift the pen.';
      this.meta.textContent = '';
      this.alts.replaceChildren();
      return;
    }
    renderMath(r.latex, this.latex);
    this.meta.textContent = `confidence ${(r.confidence * 100).toFixed(0)} %`;
    this.alts.replaceChildren(
      ...r.alternatives.slice(0, 4).map((a) => {
        const b = button('', () => this.actions.pick(a.latex), 'alternative');
        renderMath(a.latex, b);
        b.title = `${(a.confidence * 100).toFixed(0)} %`;
        return b;
      }),
    );
  }

  showAnswer(latex: string | null, note: string): void {
    this.answer.dataset['answer'] = latex ?? '';
    this.answer.dataset['state'] = note;
    if (latex) renderMath(latex, this.answer);
    else this.answer.textContent = note;
  }

  setStatus(text: string): void {
    this.status.textContent = text;
  }

  /** The debug line: the measured frame rate and frame budget (FrameStats.debugLine). */
  setDebug(text: string): void {
    this.debug.textContent = text;
  }

  /** A gentle note about tracking (hand out of view, too fast); null hides it. */
  setWarning(text: string | null): void {
    this.warning.hidden = text === null;
    this.warning.textContent = text ?? '';
  }

  get dock(): HudDock {
    return this.element.dataset['dock'] === 'top' ? 'top' : 'bottom';
  }

  set dock(dock: HudDock) {
    this.element.dataset['dock'] = dock;
  }
}
