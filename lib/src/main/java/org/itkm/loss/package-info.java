/**
 * The losses of the three stages: cluster-memory contrast, image-text SupCon, scenario separation
 * hinge, text-guided contrast, and the InfoNCE they share.
 *
 * <p>May import (of org.itkm): runtime.
 */
package org.itkm.loss;
