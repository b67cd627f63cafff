import { defineExtensionMessaging } from '@webext-core/messaging';
import type { EquationDraft, EquationUpdate, LinkStatus } from './messages.ts';

/**
 * Typed messages between the extension's own contexts (content script, popup, options
 * and background), over `runtime.sendMessage` / `tabs.sendMessage`. Web pages cannot send
 * any of these. The tracker's landmarks use a runtime port instead (`messages.ts`).
 */
export interface ExtensionProtocol {
  /** Overlay → background: queue an equation for the board. */
  sendEquation(equation: EquationDraft): { queued: boolean; reason?: string };
  /**
   * Overlay → background, every few seconds while answers are awaited: wakes a stopped
   * service worker, which then restores its routes and reconnects to the board.
   */
  awaitAnswers(ids: string[]): void;
  /** Popup → background. */
  linkStatus(): LinkStatus;
  /** Popup → background: show or hide the overlay in the active tab. */
  toggleActiveTab(): void;
  /** Overlay → background: the user's personal samples file, or null. */
  personalSamples(): unknown;
  /** Background → overlay (tab). */
  toggleOverlay(): void;
  /** Background → overlay (tab): the status or answer of an equation it sent. */
  equationUpdate(update: EquationUpdate): void;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ExtensionProtocol>();
