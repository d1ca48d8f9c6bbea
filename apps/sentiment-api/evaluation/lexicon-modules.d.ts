// Neither package ships type declarations; these cover the calls the baselines make.
declare module 'sentiment' {
  interface AnalysisResult {
    /** Sum of the AFINN-165 valences of the words found (negation flips the next word). */
    score: number;
    /** score / number of tokens. */
    comparative: number;
    positive: string[];
    negative: string[];
  }
  class Sentiment {
    analyze(phrase: string): AnalysisResult;
  }
  export = Sentiment;
}

declare module 'vader-sentiment' {
  export const SentimentIntensityAnalyzer: {
    /** compound is the normalised sum of valences in [−1, 1]. */
    polarity_scores(text: string): { neg: number; neu: number; pos: number; compound: number };
  };
}
