import type { ModelRegistration } from '@matrix/product-server';
import { latestSentimentArtifact } from '@matrix/sentiment-model';

/** What the API needs of a trained head to register it with the gateway. */
export interface RegistrableArtifact extends ModelRegistration {
  version: string;
}

/** Returns the newest trained head, or throws saying why there is none (the readiness reason). */
export type ArtifactSource = () => RegistrableArtifact;

/** Injection token: tests replace the artifact source. */
export const ARTIFACT_SOURCE = 'sentiment:artifact-source';

/** The head `npx nx run sentiment-api:train` wrote under apps/sentiment-api/model (env SENTIMENT_MODEL_DIR). */
export const trainedArtifactSource: ArtifactSource = () => {
  const artifact = latestSentimentArtifact();
  return { version: artifact.version, config: { ...artifact.config }, files: artifact.files };
};
