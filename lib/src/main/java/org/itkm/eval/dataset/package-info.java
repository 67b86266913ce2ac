/**
 * Evaluation that reads a data set: an encoder's features of its images, a model's metrics per
 * protocol, the colour-histogram baseline, the attribute probe and pseudo-label scores against its
 * ground truth.
 *
 * <p>May import (of org.itkm): clip, clip.inference, cluster, data, eval, io.
 */
package org.itkm.eval.dataset;
