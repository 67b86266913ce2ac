/**
 * Matching across groups: rectangular linear assignment (Hungarian), cluster-level (CHM) and
 * instance-level (IHM) heterogeneous matching, progressive graph matching and the text representation
 * update (DRU).
 *
 * <p>May import (of org.itkm): cluster, io.
 */
package org.itkm.match;
