package org.itkm.kernel;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.util.UUID;

/**
 * The functions a cell calls to show something, predefined in every cell ({@code import static}) with the
 * same names and signatures as IJava's {@code io.github.spencerpark.ijava.runtime.Display}, so notebooks
 * run unchanged on both kernels:
 *
 * <pre>{@code
 * display(table);                       // a DisplayData value: shown as its MIME bundle (HTML, PNG, Plotly...)
 * display("epoch 3");                   // any other object: rendered by the kernel's Renderer (text/plain: toString)
 * String id = display(progressHtml);    // the display id, to replace the output later
 *                                       // (a cell ending with display(x) does not also show the id)
 * updateDisplay(id, newerHtml);
 * }</pre>
 */
public final class Display {
    private Display() {
    }

    /** Shows {@code o} below the cell now (not only at its end); returns the display id. */
    public static String display(Object o) {
        JShellKernel kernel = JShellKernel.active();
        DisplayData data = kernel.renderValue(o);
        String id = data.getDisplayId();
        if (id == null) {
            id = UUID.randomUUID().toString();
            data.setDisplayId(id);
        }
        kernel.display(data);
        kernel.displayed(id);
        return id;
    }

    /** Shows {@code o} rendered as the given MIME types (e.g. {@code "text/html"}); returns the display id. */
    public static String display(Object o, String... as) {
        JShellKernel kernel = JShellKernel.active();
        DisplayData data = kernel.getRenderer().renderAs(o, as);
        String id = data.getDisplayId();
        if (id == null) {
            id = UUID.randomUUID().toString();
            data.setDisplayId(id);
        }
        kernel.display(data);
        kernel.displayed(id);
        return id;
    }

    /** Replaces what {@link #display(Object)} showed under {@code id} with {@code o}. */
    public static void updateDisplay(String id, Object o) {
        JShellKernel kernel = JShellKernel.active();
        kernel.getIO().display.updateDisplay(id, kernel.renderValue(o));
    }

    /** Renders {@code o} without showing it (a DisplayData is returned as it is). */
    public static DisplayData render(Object o) {
        return JShellKernel.active().renderValue(o);
    }

    /** Renders {@code o} as the given MIME types without showing it. */
    public static DisplayData render(Object o, String... as) {
        return JShellKernel.active().getRenderer().renderAs(o, as);
    }
}
