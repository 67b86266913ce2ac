/**
 * Clustering for pseudo-labels: k-nearest neighbours, sparse k-reciprocal Jaccard distance, DBSCAN,
 * pseudo-labels, momentum cluster memories and agreement scores (pairwise F-score, adjusted Rand index).
 *
 * <p>May import (of org.itkm): io, runtime.
 */
package org.itkm.cluster;
