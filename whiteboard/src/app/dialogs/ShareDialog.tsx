import { useCallback, useEffect, useState } from 'react';
import type { ApiClient, ListedShareLink, ShareLink } from '../../api/client.ts';
import { Dialog } from './Dialog.tsx';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const ROLE_TEXT = { editor: 'Can edit', viewer: 'View only' } as const;

/** A link still lets people in: neither revoked nor past its expiry. */
const isLive = (l: ListedShareLink, now: number) =>
  l.revokedAt === null && Date.parse(l.expiresAt) > now;

/** The owner makes links that let others edit or view the board, and revokes them. */
export function ShareDialog({
  api,
  boardId,
  onClose,
}: {
  api: ApiClient;
  boardId: string;
  onClose: () => void;
}) {
  const [role, setRole] = useState<'editor' | 'viewer'>('editor');
  const [link, setLink] = useState<ShareLink | null>(null);
  const [links, setLinks] = useState<readonly ListedShareLink[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const reload = useCallback(
    () =>
      api
        .listShareLinks(boardId)
        .then(setLinks, (e: unknown) =>
          setError(`The board's links could not be loaded: ${message(e)}`),
        ),
    [api, boardId],
  );
  useEffect(() => void reload(), [reload]);

  const create = () => {
    setError(null);
    setCopied(false);
    api.createShareLink(boardId, role).then(
      (created) => {
        setLink(created);
        void reload();
      },
      (e: unknown) => setError(`No link was made: ${message(e)}`),
    );
  };
  const revoke = (id: string) => {
    setError(null);
    api.revokeShareLink(boardId, id).then(
      () => {
        if (link?.id === id) setLink(null);
        void reload();
      },
      (e: unknown) => setError(`The link still works: revoking failed (${message(e)}).`),
    );
  };
  const now = Date.now();
  const live = links?.filter((l) => isLive(l, now)) ?? [];

  return (
    <Dialog title="Share this board" onClose={onClose}>
      <fieldset className="roles">
        <legend>People with the link can</legend>
        <label>
          <input
            type="radio"
            name="role"
            checked={role === 'editor'}
            onChange={() => setRole('editor')}
          />{' '}
          edit
        </label>
        <label>
          <input
            type="radio"
            name="role"
            checked={role === 'viewer'}
            onChange={() => setRole('viewer')}
          />{' '}
          view only
        </label>
      </fieldset>
      <button type="button" className="primary" onClick={create}>
        Create link
      </button>
      {link && (
        <div className="share-link">
          <label>
            <span className="label">
              New link ({ROLE_TEXT[link.role].toLowerCase()}, expires {when(link.expiresAt)}) — copy
              it now, it is shown only once
            </span>
            <input
              readOnly
              value={link.url}
              onFocus={(e) => e.currentTarget.select()}
              data-testid="share-url"
            />
          </label>
          <button
            type="button"
            onClick={() =>
              void navigator.clipboard?.writeText(link.url).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
        </div>
      )}
      <section className="share-links" aria-label="Links that work now">
        <h3>Links that work now</h3>
        {links === null ? (
          <p className="muted">Loading links…</p>
        ) : live.length === 0 ? (
          <p className="muted">No link works now: only members can open this board.</p>
        ) : (
          <ul>
            {live.map((l, i) => (
              <li key={l.id} data-share-link={l.id}>
                <span className="share-link-role">{ROLE_TEXT[l.role]}</span>
                <span className="muted">
                  made {when(l.createdAt)} · expires {when(l.expiresAt)}
                </span>
                <button
                  type="button"
                  className="danger"
                  aria-label={`Revoke link ${i + 1} (${ROLE_TEXT[l.role].toLowerCase()})`}
                  onClick={() => revoke(l.id)}
                >
                  Revoke
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </Dialog>
  );
}
