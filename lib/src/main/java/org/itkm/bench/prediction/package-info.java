/**
 * Predictions of what a full run costs: the paper profile's wall time on a GPU from FLOPs and a
 * rehearsal's host-side measurements, and the report of a rehearsal run.
 *
 * <p>May import (of org.itkm): bench, clip, config, report, run.
 */
package org.itkm.bench.prediction;
