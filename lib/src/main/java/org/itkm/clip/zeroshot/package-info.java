/**
 * Zero-shot checks of what a CLIP learned: attribute and caption retrieval over captioned images.
 *
 * <p>May import (of org.itkm): clip.inference, clip.tokenizer, io.
 */
package org.itkm.clip.zeroshot;
