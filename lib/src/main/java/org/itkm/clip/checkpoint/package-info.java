/**
 * CLIP checkpoint formats: Hugging Face directories (safetensors), OpenAI TorchScript archives, the
 * parameter layouts and named architectures they follow, and the random stand-in checkpoint written in
 * either real layout.
 *
 * <p>May import (of org.itkm): clip, clip.tokenizer, io, runtime.
 */
package org.itkm.clip.checkpoint;
