/**
 * Prefix tree over vocabulary pieces, walked one Unicode code point at a time.
 *
 * Ported from the Trie of @tensorflow-models/universal-sentence-encoder
 * (https://github.com/tensorflow/tfjs-models/blob/master/universal-sentence-encoder/src/tokenizer/trie.ts),
 * Copyright 2019 Google LLC, Apache License 2.0. Restructured (Map children,
 * no parent links); behaviour kept: a piece inserted twice keeps the last id and score.
 */

/** A vocabulary piece that starts at the searched position. */
export interface PieceMatch {
  /** Length of the piece in code points. */
  length: number;
  id: number;
  score: number;
}

interface TrieNode {
  children: Map<string, TrieNode>;
  piece: { id: number; score: number } | null;
}

function newNode(): TrieNode {
  return { children: new Map(), piece: null };
}

export class SentencePieceTrie {
  private readonly root = newNode();

  insert(piece: string, score: number, id: number): void {
    let node = this.root;
    for (const symbol of piece) {
      let child = node.children.get(symbol);
      if (!child) {
        child = newNode();
        node.children.set(symbol, child);
      }
      node = child;
    }
    if (node !== this.root) node.piece = { id, score };
  }

  /** Every piece that is a prefix of `symbols[start…]`, shortest first. */
  piecesStartingAt(symbols: readonly string[], start: number): PieceMatch[] {
    const matches: PieceMatch[] = [];
    let node = this.root.children.get(symbols[start]);
    for (let end = start + 1; node; end++) {
      if (node.piece) matches.push({ length: end - start, id: node.piece.id, score: node.piece.score });
      if (end >= symbols.length) break;
      node = node.children.get(symbols[end]);
    }
    return matches;
  }
}
