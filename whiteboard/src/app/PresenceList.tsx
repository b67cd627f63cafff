import type { User } from '../api/client.ts';
import { initials } from '../collab/presence.ts';
import type { Peer } from '../collab/presence.ts';

/** Who is here: you, then each peer (a click follows their view). */
export function PresenceList({
  peers,
  me,
  myColor,
  following,
  onFollow,
}: {
  peers: readonly Peer[];
  me: User;
  /** Ours as others see it (see withDistinctColors). */
  myColor: string;
  following: number | null;
  onFollow: (clientId: number | null) => void;
}) {
  const name = me.displayName || me.email;
  return (
    <ul className="presence" aria-label="People on this board">
      <li>
        <span
          className="avatar"
          style={{ background: myColor }}
          title={`${name} (you)`}
          aria-label={`${name} (you)`}
        >
          {initials(name)}
        </span>
      </li>
      {peers.map((peer) => (
        <li key={peer.clientId}>
          <button
            type="button"
            className={`avatar${following === peer.clientId ? ' following' : ''}`}
            style={{ background: peer.user.color }}
            title={
              following === peer.clientId
                ? `Stop following ${peer.user.name}`
                : `Follow ${peer.user.name}`
            }
            aria-label={
              following === peer.clientId
                ? `Stop following ${peer.user.name}`
                : `Follow ${peer.user.name}`
            }
            aria-pressed={following === peer.clientId}
            onClick={() => onFollow(following === peer.clientId ? null : peer.clientId)}
          >
            {initials(peer.user.name)}
          </button>
        </li>
      ))}
    </ul>
  );
}
