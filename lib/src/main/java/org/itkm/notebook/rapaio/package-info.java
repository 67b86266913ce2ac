/**
 * The adapter that lets the rapaio Jupyter kernel (3.0.1, the kit's headless kernel until the kit's own kernel
 * replaces it) show {@code org.itkm.notebook}'s display values. Delete this package with the rapaio kernel.
 */
package org.itkm.notebook.rapaio;
