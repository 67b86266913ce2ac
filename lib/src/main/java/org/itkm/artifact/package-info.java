/**
 * The pocket CLIP shipped with the kit ({@code models/pocket-clip}): its manifest, how it is
 * found and verified, and how {@code itkm make-pocket-clip} re-makes it from SynthUMS captions.
 *
 * <p>May import (of org.itkm): clip, clip.checkpoint, clip.pretrain, clip.zeroshot, run, synth, io, runtime.
 */
package org.itkm.artifact;
