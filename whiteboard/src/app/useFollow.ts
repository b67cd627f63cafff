import { useCallback, useEffect, useState } from 'react';
import type { BoardConnection } from '../collab/connection.ts';
import type { Peer } from '../collab/presence.ts';
import { followCamera } from '../editor/camera.ts';
import type { Editor } from '../editor/editor.ts';
import { useStoreSelector } from './useStore.ts';

/** Publishing our view for followers at most this often. */
const VIEW_THROTTLE_MS = 100;

/**
 * Follow mode: our view follows a peer's, and ours is published (throttled) for whoever
 * follows us. Following stops when the peer leaves or we move the view ourselves.
 */
export function useFollow(editor: Editor, connection: BoardConnection, peers: readonly Peer[]) {
  const [following, setFollowing] = useState<number | null>(null);
  const followed =
    following === null ? null : (peers.find((p) => p.clientId === following) ?? null);
  const camera = useStoreSelector(editor, (s) => s.camera);
  useEffect(() => {
    if (following !== null && followed === null) setFollowing(null);
  }, [following, followed]);
  useEffect(() => {
    if (!followed?.view) return;
    const { width, height } = editor.getState().viewport;
    editor.setCamera(followCamera(followed.view, width, height));
  }, [editor, followed?.view]);
  useEffect(() => {
    const t = setTimeout(() => {
      const { width, height } = editor.getState().viewport;
      connection.setView({ camera, width: width || 1, height: height || 1 });
    }, VIEW_THROTTLE_MS);
    return () => clearTimeout(t);
  }, [editor, connection, camera]);
  const stopFollowing = useCallback(() => setFollowing(null), []);
  return { following, followed, setFollowing, stopFollowing };
}
