import { LatexEditor } from '../EquationCard.tsx';
import { Dialog } from './Dialog.tsx';

/** What people type most in a lesson: one of each kind the solver handles. */
export const TYPE_EXAMPLES: readonly string[] = [
  '2x+3=11',
  'x^2-5x+6=0',
  '\\frac{x}{2}+1=4',
  '3(x-1)=2x+5',
  'y=2x+1',
];

/** Type an equation as LaTeX, with examples to start from and a live preview. */
export function TypeDialog({
  onAdd,
  onClose,
}: {
  onAdd: (latex: string) => void;
  onClose: () => void;
}) {
  return (
    <Dialog title="Type an equation" onClose={onClose}>
      <LatexEditor
        initial=""
        saveLabel="Add to board"
        hint="Write math as LaTeX: x^2 for a power, \frac{a}{b} for a fraction, \sqrt{x} for a root."
        examples={TYPE_EXAMPLES}
        onSave={onAdd}
        onCancel={onClose}
      />
    </Dialog>
  );
}
