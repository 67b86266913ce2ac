/**
 * What a notebook needs from the kit in one place: {@link org.itkm.notebook.NotebookContext} (the profile, the
 * workspace, the runs and the report folder from one set-up call) and the display of tables and figures as Jupyter
 * MIME bundles ({@link org.itkm.notebook.NotebookDisplay}: {@code io.github.spencerpark.jupyter.kernel.display.DisplayData},
 * the display type of IJava and of kernels built on jupyter-jvm-basekernel). A cell that ends with such a value, or
 * passes it to {@code display(...)}, shows it on the kit's kernel ({@code org.itkm.kernel}).
 *
 * <p>May import {@code org.itkm.train}, {@code org.itkm.config}, {@code org.itkm.io}, {@code org.itkm.report} (and its {@code plotly}
 * package) and jupyter-jvm-basekernel's display classes; nothing imports this package but notebooks.
 */
package org.itkm.notebook;
