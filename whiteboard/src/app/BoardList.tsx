import { useCallback, useEffect, useState } from 'react';
import type { ApiClient, BoardInfo, User } from '../api/client.ts';
import { parseShareToken } from './routes.ts';

export function BoardList({
  api,
  user,
  onOpen,
  onJoin,
  onSignOut,
}: {
  api: ApiClient;
  user: User;
  onOpen: (id: string) => void;
  onJoin: (token: string) => void;
  onSignOut: () => void;
}) {
  const [link, setLink] = useState('');
  const [boards, setBoards] = useState<BoardInfo[] | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));
  const reload = useCallback(() => api.listBoards().then(setBoards, fail), [api]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const create = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      const board = await api.createBoard(name.trim() || 'Untitled board');
      onOpen(board.id);
    } catch (err) {
      fail(err);
    }
  };

  return (
    <main className="boards-page">
      <header className="page-head">
        <p className="brand">∑ MotionMath</p>
        <span className="who">{user.displayName || user.email}</span>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <h1>Your boards</h1>
      <form className="new-board" onSubmit={(e) => void create(e)}>
        <label>
          <span className="label">New board name</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="Algebra, lesson 3"
            maxLength={200}
          />
        </label>
        <button type="submit" className="primary">
          Create board
        </button>
      </form>
      <form
        className="new-board"
        onSubmit={(e) => {
          e.preventDefault();
          const token = parseShareToken(link);
          if (token) onJoin(token);
          else setError('That is not a MotionMath share link.');
        }}
      >
        <label>
          <span className="label">Join with a link</span>
          <input
            value={link}
            onChange={(e) => setLink(e.target.value)}
            placeholder="https://…/share/…"
          />
        </label>
        <button type="submit">Join</button>
      </form>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {boards === null ? (
        <p aria-live="polite">Loading…</p>
      ) : boards.length === 0 ? (
        <p className="empty">No boards yet: create one, or open a share link someone sent you.</p>
      ) : (
        <ul className="board-grid" aria-label="Boards">
          {boards.map((b) => (
            <li key={b.id} className="board-tile">
              {renaming === b.id ? (
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    void api.renameBoard(b.id, newName.trim() || b.name).then(() => {
                      setRenaming(null);
                      return reload();
                    }, fail);
                  }}
                >
                  <label>
                    <span className="label">Rename {b.name}</span>
                    <input
                      autoFocus
                      value={newName}
                      onChange={(e) => setNewName(e.target.value)}
                      maxLength={200}
                    />
                  </label>
                  <button type="submit" className="primary">
                    Save
                  </button>
                  <button type="button" onClick={() => setRenaming(null)}>
                    Cancel
                  </button>
                </form>
              ) : (
                <>
                  <button type="button" className="open" onClick={() => onOpen(b.id)}>
                    <span className="name">{b.name}</span>
                    <span className="role">{b.role}</span>
                  </button>
                  <div className="tile-actions">
                    {b.role !== 'viewer' && (
                      <button
                        type="button"
                        aria-label={`Rename ${b.name}`}
                        onClick={() => {
                          setRenaming(b.id);
                          setNewName(b.name);
                        }}
                      >
                        Rename
                      </button>
                    )}
                    {b.role === 'owner' && (
                      <button
                        type="button"
                        className="danger"
                        aria-label={`Delete ${b.name}`}
                        onClick={() => {
                          if (window.confirm(`Delete “${b.name}” for everyone?`))
                            void api.deleteBoard(b.id).then(reload, fail);
                        }}
                      >
                        Delete
                      </button>
                    )}
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
