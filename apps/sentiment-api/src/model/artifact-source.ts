import type { ModelRegistration } from '@matrix/product-server';
import { latestAspectArtifact, latestSentimentArtifact, latestThreeClassArtifact } from '@matrix/sentiment-model';

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

/** Injection token of the three-class head's source. */
export const THREE_CLASS_ARTIFACT_SOURCE = 'sentiment:three-class-artifact-source';

/** The three-class head `npx nx run sentiment-api:train-three-class` wrote (env SENTIMENT_THREE_CLASS_MODEL_DIR). */
export const trainedThreeClassSource: ArtifactSource = () => {
  const artifact = latestThreeClassArtifact();
  return { version: artifact.version, config: { ...artifact.config }, files: artifact.files };
};

/** Injection token of the aspect head's source. */
export const ASPECT_ARTIFACT_SOURCE = 'sentiment:aspect-artifact-source';

/** The aspect head `npx nx run sentiment-api:train-aspects` wrote (env SENTIMENT_ASPECT_MODEL_DIR). */
export const trainedAspectSource: ArtifactSource = () => {
  const artifact = latestAspectArtifact();
  return { version: artifact.version, config: { ...artifact.config }, files: artifact.files };
};
