/**
 * Files the kit reads and writes: atomic writes, output folders and the write gate, {@code .npy}
 * matrices, input errors that name the file and what was expected, the kit's home.
 *
 * <p>May import (of org.itkm): nothing else of org.itkm.
 */
package org.itkm.io;
