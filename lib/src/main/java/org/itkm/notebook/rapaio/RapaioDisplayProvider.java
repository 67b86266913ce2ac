package org.itkm.notebook.rapaio;

import java.util.List;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplayTransformer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;

/**
 * Lets the rapaio kernel show the kit's display values: rapaio finds this provider through
 * {@code META-INF/services} when the kit is on its class path, and renders a cell's
 * {@link io.github.spencerpark.jupyter.kernel.display.DisplayData} (IJava's display type, which
 * {@link org.itkm.notebook.NotebookDisplay} returns) with {@link DisplayDataRenderer}. On IJava and kernels built on
 * jupyter-jvm-basekernel the value is shown natively and this class is never loaded. Compiled against
 * rapaio-jupyter-kernel 3.0.1 ({@code provided}: the kernel brings it).
 */
public final class RapaioDisplayProvider implements DisplayProvider {
    @Override
    public List<DisplayRenderer> getDisplayRenderers() {
        return List.of(new DisplayDataRenderer());
    }

    @Override
    public List<DisplayTransformer> getDisplayTransformers() {
        return List.of();
    }
}
