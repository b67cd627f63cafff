import { ACTIONS } from '../../editor/actions.ts';
import { Dialog } from './Dialog.tsx';

/** Every shortcut, read from the actions table (what the keyboard handler runs). */
export function HelpDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <table className="shortcuts">
        <tbody>
          {ACTIONS.filter((a) => a.help).map((a) => (
            <tr key={a.id}>
              <td>
                <kbd>{a.help}</kbd>
              </td>
              <td>{a.label}</td>
            </tr>
          ))}
          <tr>
            <td>
              <kbd>Space</kbd> (hold)
            </td>
            <td>Pan while held</td>
          </tr>
        </tbody>
      </table>
    </Dialog>
  );
}
