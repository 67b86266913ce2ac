/**
 * CLIP as DJL blocks: the vision transformer (dual patch embedding, scenario embedding), the text
 * transformer, their layers, the prompt learner, the pocket CLIP's architecture, and the parameter
 * tensors ({@link org.itkm.clip.HostTensor}, {@link org.itkm.clip.TensorSource}) the blocks are loaded from.
 *
 * <p>May import (of org.itkm): clip.tokenizer, io, runtime.
 */
package org.itkm.clip;
