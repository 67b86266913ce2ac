/**
 * SynthUMS, the kit's deterministic multi-scenario data set: {@link org.itkm.synth.SynthUmsGenerator}
 * writes VI (SYSU-MM01 layout), CC (LTCC layout) and CR (MLR-CUHK03 layout) sets with
 * {@code attributes.csv}, and a caption corpus of other identities read back by
 * {@code captions/captions.tsv} (read by {@link org.itkm.clip.pretrain.CaptionCorpus}); sizes come from a {@link org.itkm.synth.SynthPreset}.
 * Identities ({@code Identity}, {@code Outfit}) are painted by {@code PersonRenderer} on a {@code Canvas}
 * and recorded by a {@code CameraSensor} (visible or infrared, down-sampled for low resolution).
 *
 * <p>May import (of org.itkm): io, runtime.
 */
package org.itkm.synth;
