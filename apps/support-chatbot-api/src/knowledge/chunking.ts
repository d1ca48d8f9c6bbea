/** A passage of an article: what retrieval ranks and what an answer quotes. */
export interface Chunk {
  position: number;
  heading: string | null;
  text: string;
}

export interface ChunkOptions {
  /** Passages grow paragraph by paragraph up to about this many characters. */
  maxChars?: number;
}

const HEADING = /^(#{1,6})\s+(.*)$/;

/** Splits a too-long paragraph at sentence ends (then at spaces) into pieces of at most `max` characters. */
function splitLong(paragraph: string, max: number): string[] {
  if (paragraph.length <= max) return [paragraph];
  const sentences = paragraph.match(/[^.!?]+[.!?]+["')\]]*\s*|[^.!?]+$/g) ?? [paragraph];
  const pieces: string[] = [];
  let current = '';
  for (const sentence of sentences) {
    if (current && current.length + sentence.length > max) {
      pieces.push(current.trim());
      current = '';
    }
    if (sentence.length > max) {
      for (let start = 0; start < sentence.length; start += max) pieces.push(sentence.slice(start, start + max).trim());
    } else current += sentence;
  }
  if (current.trim()) pieces.push(current.trim());
  return pieces.filter(Boolean);
}

/**
 * Markdown → passages: each section (under its nearest heading) is cut into runs of whole
 * paragraphs (lists and tables stay together with their paragraph) of about `maxChars`, so a
 * passage reads on its own as an answer and its embedding is about one thing. The article title is
 * not repeated in the text; retrieval embeds "title — heading: text".
 */
export function chunkMarkdown(markdown: string, options: ChunkOptions = {}): Chunk[] {
  const max = options.maxChars ?? 700;
  const chunks: Chunk[] = [];
  let heading: string | null = null;
  let paragraphs: string[] = [];
  let current: string[] = [];

  const flushParagraph = () => {
    const text = current.join('\n').trim();
    if (text) paragraphs.push(...splitLong(text, max));
    current = [];
  };
  const flushSection = () => {
    flushParagraph();
    let passage = '';
    for (const paragraph of paragraphs) {
      if (passage && passage.length + paragraph.length + 2 > max) {
        chunks.push({ position: chunks.length, heading, text: passage });
        passage = '';
      }
      passage = passage ? `${passage}\n\n${paragraph}` : paragraph;
    }
    if (passage) chunks.push({ position: chunks.length, heading, text: passage });
    paragraphs = [];
  };

  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const match = HEADING.exec(line);
    if (match) {
      flushSection();
      heading = match[2].trim() || null;
    } else if (line.trim() === '') {
      flushParagraph();
    } else {
      current.push(line);
    }
  }
  flushSection();
  return chunks;
}

/** The text embedded for a passage: the article title and section heading give the passage its topic. */
export function passageForEmbedding(title: string, chunk: Pick<Chunk, 'heading' | 'text'>): string {
  return `${title}${chunk.heading && chunk.heading !== title ? ` — ${chunk.heading}` : ''}: ${chunk.text}`;
}
