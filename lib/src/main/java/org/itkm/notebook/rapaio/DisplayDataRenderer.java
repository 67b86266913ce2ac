package org.itkm.notebook.rapaio;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.List;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;

/**
 * Copies the MIME bundle of a jupyter-jvm-basekernel {@link DisplayData} into rapaio's own display type: the types
 * the kit's displays use ({@code text/plain}, {@code text/html}, {@code text/markdown}, {@code image/png}).
 */
public final class DisplayDataRenderer implements DisplayRenderer {
    /** The MIME types copied, in the order a page prefers them. */
    static final List<MIMEType> TYPES = List.of(MIMEType.TEXT_HTML, MIMEType.TEXT_MARKDOWN, MIMEType.IMAGE_PNG,
            MIMEType.TEXT_PLAIN);

    @Override
    public Class<?> rendererClass() {
        return DisplayData.class;
    }

    @Override
    public boolean canRender(String mime) {
        return true;
    }

    @Override
    public org.rapaio.jupyter.kernel.display.DisplayData render(String mime, Object o) {
        DisplayData source = (DisplayData) o;
        Object plain = source.getData(MIMEType.TEXT_PLAIN);
        org.rapaio.jupyter.kernel.display.DisplayData out = org.rapaio.jupyter.kernel.display.DisplayData.fromText(
                plain == null ? "" : plain.toString());
        for (MIMEType t : TYPES) {
            Object v = source.getData(t);
            if (v != null && t != MIMEType.TEXT_PLAIN) {
                out.putData(t.toString(), v);
            }
        }
        return out;
    }
}
