/**
 * The kit's Jupyter kernel: JShell behind jupyter-jvm-basekernel's protocol, with every message handler in
 * place before its sockets are bound (so the first {@code kernel_info} of a start is always answered), IJava's
 * display conventions ({@code display(...)}, a cell's last value rendered as a MIME bundle) and interrupts.
 *
 * <p>May import (of org.itkm): nothing; notebooks reach the kit through the class path it is started with.
 */
package org.itkm.kernel;
