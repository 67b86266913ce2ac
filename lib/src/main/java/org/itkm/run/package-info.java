/**
 * The records a run leaves in its directory: manifest (with the kit's git revision), metrics log,
 * checkpoints and evaluation results.
 *
 * <p>May import (of org.itkm): eval, io, runtime.
 */
package org.itkm.run;
