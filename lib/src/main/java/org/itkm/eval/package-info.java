/**
 * ReID evaluation on features and labels: the protocols (SYSU-MM01 all / indoor, LTCC general and
 * clothes-changing, MLR, standard, within-modality), ranking with junk rules, CMC, mAP and mINP.
 *
 * <p>May import (of org.itkm): cluster (unit features), io, runtime.
 */
package org.itkm.eval;
