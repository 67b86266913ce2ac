/**
 * A CLIP checkpoint loaded for encoding: image preprocessing as CLIP was trained with, and image
 * and text features batch by batch.
 *
 * <p>May import (of org.itkm): clip, clip.checkpoint, data, io, runtime.
 */
package org.itkm.clip.inference;
