/**
 * Export of a trained run's image encoder as a standard CLIP vision checkpoint (Hugging Face directory or
 * OpenAI archive) that other CLIP code reads: the scenario embedding and the chosen branch's patch
 * embedding folded into standard tensors, with a card naming the run, its data and its metrics.
 *
 * <p>May import (of org.itkm): clip, clip.checkpoint, config, data, io, run, runtime, train.
 */
package org.itkm.export;
