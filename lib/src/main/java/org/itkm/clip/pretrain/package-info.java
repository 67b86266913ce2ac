/**
 * Pre-training a pocket CLIP on an image-caption corpus (contrastive loss, trainer, the whole
 * procedure with its held-out split) and the zero-shot attribute retrieval measured on that split.
 *
 * <p>May import (of org.itkm): clip, clip.checkpoint, clip.inference, clip.tokenizer, clip.zeroshot, data, io, runtime.
 */
package org.itkm.clip.pretrain;
