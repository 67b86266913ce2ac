/**
 * Reports of runs: result tables (CSV and Markdown) beside the paper's, figures, t-SNE, image grids,
 * rank lists, metrics curves, Table 1 from the run catalogue, sensitivity sweeps and zero-shot tables.
 *
 * <p>May import (of org.itkm): clip, clip.checkpoint, clip.zeroshot, config, data, eval, eval.dataset, run,
 * train, io, runtime.
 */
package org.itkm.report;
