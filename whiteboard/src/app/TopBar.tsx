import type { User } from '../api/client.ts';
import type { ConnectionState } from '../collab/connection.ts';
import type { Peer } from '../collab/presence.ts';
import { ACTIONS } from '../editor/actions.ts';
import type { ActionContext } from '../editor/actions.ts';
import { BoardTitle } from './BoardTitle.tsx';
import { PresenceList } from './PresenceList.tsx';

/** The connection as a person reads it. */
export function connectionText(conn: ConnectionState): string {
  if (conn.error) return `Refused: ${conn.error}`;
  if (conn.status === 'online') return conn.unsynced > 0 ? 'Saving…' : 'Online';
  if (conn.status === 'connecting') return 'Connecting…';
  return 'Offline — changes are kept and will sync';
}

const EXPORTS = ACTIONS.filter((a) => a.id.startsWith('export.'));

/** The bars over the board: back and title on the left; status, people, export, share, help. */
export function TopBar({
  title,
  rename,
  viewOnly,
  conn,
  peers,
  me,
  myColor,
  following,
  onFollow,
  exportOpen,
  onExportOpen,
  canShare,
  onShare,
  ctx,
  onBack,
}: {
  title: string;
  /** Renaming in place; null for whoever may not rename. */
  rename: Omit<Parameters<typeof BoardTitle>[0], 'title' | 'canRename'> | null;
  viewOnly: boolean;
  conn: ConnectionState;
  /** With colours told apart (see withDistinctColors). */
  peers: readonly Peer[];
  me: User;
  myColor: string;
  following: number | null;
  onFollow: (clientId: number | null) => void;
  exportOpen: boolean;
  onExportOpen: (open: boolean) => void;
  canShare: boolean;
  onShare: () => void;
  ctx: ActionContext;
  onBack: () => void;
}) {
  return (
    <>
      <header className="topbar left">
        <button type="button" className="icon" aria-label="Back to boards" onClick={onBack}>
          ←
        </button>
        <BoardTitle
          title={title}
          canRename={rename !== null}
          editing={rename?.editing ?? false}
          onEditingChange={rename?.onEditingChange ?? (() => {})}
          onRename={rename?.onRename ?? (() => Promise.resolve())}
        />
        {viewOnly && <span className="pill">View only</span>}
      </header>
      <div className="topbar right">
        <span
          className={`conn conn-${conn.error ? 'error' : conn.status}`}
          role="status"
          aria-live="polite"
          data-testid="connection"
        >
          <span className="dot" aria-hidden="true" />
          <span className="conn-text">{connectionText(conn)}</span>
        </span>
        <PresenceList
          peers={peers}
          me={me}
          myColor={myColor}
          following={following}
          onFollow={onFollow}
        />
        <div className="menu-wrap">
          <button
            type="button"
            aria-haspopup="menu"
            aria-expanded={exportOpen}
            onClick={() => onExportOpen(!exportOpen)}
          >
            Export
          </button>
          {exportOpen && (
            <div className="menu" role="menu">
              {EXPORTS.map((a) => (
                <button key={a.id} type="button" role="menuitem" onClick={() => a.run(ctx)}>
                  {a.label}
                </button>
              ))}
            </div>
          )}
        </div>
        {canShare && (
          <button type="button" className="primary" onClick={onShare}>
            Share
          </button>
        )}
        <button
          type="button"
          className="icon"
          aria-label="Keyboard shortcuts (?)"
          onClick={() => ctx.ui.toggleDialog('help')}
        >
          ?
        </button>
      </div>
    </>
  );
}
