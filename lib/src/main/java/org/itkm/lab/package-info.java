/**
 * The course labs: the checks a student's implementation is compared with, the student forms and
 * the small training and evaluation runs the lab notebooks drive.
 *
 * <p>May import (of org.itkm): clip, clip.checkpoint, cluster, data, eval, eval.dataset, loss, match,
 * report, train, io, runtime.
 */
package org.itkm.lab;
