import type { AspectResult, SentenceResult } from '../lib/api-types';
import { formatScore, LABEL_STYLE } from '../lib/labels';
import { sentenceSegments } from '../lib/sentence-segments';

/** The analysed text as typed, each sentence tinted by its label; hover (title) shows its score. */
export function HighlightedText({ text, sentences }: { text: string; sentences: SentenceResult[] }) {
  return (
    <p className="sentiment-highlight" aria-label="Text with sentences highlighted by sentiment">
      {sentenceSegments(text, sentences).map((segment, position) =>
        segment.kind === 'gap' ? (
          <span key={position}>{segment.text}</span>
        ) : (
          <mark
            key={position}
            className={`sentiment-sentence sentiment-sentence--${segment.sentence.label.toLowerCase()}`}
            data-label={segment.sentence.label}
            title={`${LABEL_STYLE[segment.sentence.label]?.title ?? segment.sentence.label} · score ${formatScore(segment.sentence.score)}`}
          >
            {segment.text}
          </mark>
        ),
      )}
    </p>
  );
}

export function LabelLegend() {
  return (
    <ul className="sentiment-legend" aria-label="Highlight colours">
      {Object.entries(LABEL_STYLE).map(([label, style]) => (
        <li key={label}>
          <span className={`sentiment-swatch sentiment-sentence--${label.toLowerCase()}`} aria-hidden="true" />
          {style.title}
        </li>
      ))}
    </ul>
  );
}

/** The analysed text with each aspect the API found tinted by the sentiment toward it; hover shows label and score. */
export function HighlightedAspects({ text, aspects }: { text: string; aspects: AspectResult[] }) {
  return (
    <p className="sentiment-highlight" aria-label="Text with aspects highlighted by sentiment">
      {sentenceSegments(text, aspects).map((segment, position) =>
        segment.kind === 'gap' ? (
          <span key={position}>{segment.text}</span>
        ) : (
          <mark
            key={position}
            className={`sentiment-aspect sentiment-sentence--${segment.sentence.label.toLowerCase()}`}
            data-label={segment.sentence.label}
            title={`${segment.sentence.text}: ${LABEL_STYLE[segment.sentence.label]?.title ?? segment.sentence.label} · score ${formatScore(segment.sentence.score)}`}
          >
            {segment.text}
          </mark>
        ),
      )}
    </p>
  );
}
