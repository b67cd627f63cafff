import { useEffect, useRef } from 'react';

/** A modal dialog (the platform's `<dialog>`: focus trap, Escape, inert background). */
export function Dialog({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-label={title} onClose={onClose} onCancel={onClose}>
      <h2>{title}</h2>
      {children}
      <button type="button" className="icon close" aria-label="Close" onClick={onClose}>
        ×
      </button>
    </dialog>
  );
}
