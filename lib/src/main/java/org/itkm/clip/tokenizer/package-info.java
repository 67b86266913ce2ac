/**
 * CLIP tokenizers: OpenAI's byte-pair encoding, Hugging Face {@code tokenizer.json} files and the
 * pocket CLIP's word-level vocabulary.
 *
 * <p>May import (of org.itkm): io.
 */
package org.itkm.clip.tokenizer;
