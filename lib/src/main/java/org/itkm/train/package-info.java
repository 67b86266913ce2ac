/**
 * Training: the pipeline of Stage I (homogeneous), Stage II (text representations) and Stage III
 * (heterogeneous) with its baselines, a run in progress and the catalogue that obtains runs by setting,
 * the workspace of a profile, the optimiser, seeds and micro-batch plans.
 *
 * <p>May import (of org.itkm): artifact, bench, clip, clip.checkpoint, clip.tokenizer, cluster, config,
 * data, eval, eval.dataset, loss, match, run, synth, io, runtime.
 */
package org.itkm.train;
