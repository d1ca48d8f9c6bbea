import { ImageTaggerErasureController } from './erasure.controller';
import { ImageTaggerPrivacy } from './image-tagger-privacy';

/**
 * Privacy of the image tagger: image erasure, retention of images, audited staff routes. Spread into the product
 * module (they need its ImageStore).
 */
export const IMAGE_TAGGER_PRIVACY = { controllers: [ImageTaggerErasureController], providers: [ImageTaggerPrivacy] };
