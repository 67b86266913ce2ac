/**
 * The DJL engine at run time: device and threads, native memory ownership, process memory,
 * scalars read off the engine and console progress.
 *
 * <p>May import (of org.itkm): io.
 */
package org.itkm.runtime;
