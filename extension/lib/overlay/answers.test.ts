import { describe, expect, it } from 'vitest';
import { SentEquations, statusNote } from './answers.ts';

const update = (id: string, status: 'pending' | 'solved' | 'unsupported', answer = null) => ({
  id,
  status,
  answer,
  error: status === 'unsupported' ? 'no rule for this' : null,
});

describe('SentEquations', () => {
  it('matches updates to its own equations and forgets them once final', () => {
    const sent = new SentEquations();
    sent.add('a', 'x+2=3');
    sent.add('b', '2x=4');
    expect(sent.update(update('other', 'solved'))).toBeNull();
    expect(sent.update(update('a', 'pending'))).toBe('x+2=3');
    expect(sent.pending()).toEqual(['a', 'b']);
    expect(sent.update(update('b', 'solved'))).toBe('2x=4');
    expect(sent.pending()).toEqual(['a']);
    expect(sent.answered).toEqual(['b']);
  });

  it('says what each status means, with the reason when there is one', () => {
    expect(statusNote(update('a', 'pending'))).toBe('On the board, waiting for the solver…');
    expect(statusNote(update('a', 'unsupported'))).toBe(
      'The solver cannot do this one: no rule for this',
    );
  });
});
