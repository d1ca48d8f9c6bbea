import { aspectContext } from './aspect-context';

const REVIEW = 'The room was spotless and the staff lovely, but breakfast was cold and overpriced. I would still come back.';

function contextOf(text: string, aspect: string) {
  const from = text.indexOf(aspect);
  return aspectContext(text, from, from + aspect.length).text;
}

describe('aspectContext', () => {
  it('cuts the sentence at a contrastive connective', () => {
    expect(contextOf(REVIEW, 'staff')).toBe('The room was spotless and the staff lovely,');
    expect(contextOf(REVIEW, 'room')).toBe('The room was spotless and the staff lovely,');
    expect(contextOf(REVIEW, 'breakfast')).toBe('but breakfast was cold and overpriced.');
  });

  it('keeps to the aspect’s own sentence', () => {
    const text = 'Great food. The waiter , however , was rude ; the wine list is long .';
    expect(contextOf(text, 'food')).toBe('Great food.');
    expect(contextOf(text, 'wine list')).toBe('the wine list is long .');
  });

  it('gives offsets into the text and the whole text when there is no break', () => {
    const text = 'The battery life is amazing';
    expect(aspectContext(text, 4, 16)).toEqual({ start: 0, end: text.length, text });
    const c = aspectContext(REVIEW, REVIEW.indexOf('breakfast'), REVIEW.indexOf('breakfast') + 9);
    expect(REVIEW.slice(c.start, c.end)).toBe(c.text);
  });

  it('refuses offsets outside the text', () => {
    expect(() => aspectContext('short', 2, 10)).toThrow(RangeError);
  });
});
