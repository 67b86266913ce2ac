/**
 * Benchmarks of the image encoder (peak memory and speed of its training passes, beside PyTorch) and
 * the cost models counted from its architecture (FLOPs, memory per image) that size micro-batches.
 *
 * <p>May import (of org.itkm): clip, runtime.
 */
package org.itkm.bench;
