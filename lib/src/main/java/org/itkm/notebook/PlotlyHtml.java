package org.itkm.notebook;

import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import org.itkm.report.TableHtml;
import org.itkm.report.plotly.InteractiveFigure;

/**
 * The HTML of an interactive figure on a notebook page, with plotly.js loaded from the kit, never from a network.
 *
 * <p>The fragment is a {@code <div>} that first holds the figure's static PNG (what a page that does not run scripts
 * shows: an untrusted notebook, a static viewer), then a script that replaces it with the Plotly figure once plotly.js
 * is loaded. plotly.js 2.x lives in the kit's git-ignored {@code vendor/plotly/plotly.min.js}
 * ({@code environment/fetch-plotly.sh}); the script asks the notebook server for it through its {@code files/}
 * handler, at the server's base URL (classic Notebook: the page body's {@code data-base-url}; JupyterLab: the
 * {@code jupyter-config-data} block), first at the server's root (the kit's folder, as the kit starts the server),
 * then below every folder on the notebook's path, so it is also found when the server was started in a parent of the
 * kit's folder. In classic Notebook, which loads
 * scripts through require.js, plotly.js is loaded as a require.js module; in JupyterLab by a script element, once
 * per page. When it cannot be found the PNG stays and a line says how to get plotly.js.
 */
public final class PlotlyHtml {
    /** Where plotly.js lies, relative to the kit's folder. */
    public static final String PLOTLY_PATH = "vendor/plotly/plotly.min.js";

    private static final AtomicLong IDS = new AtomicLong();

    private PlotlyHtml() {}

    /** The fragment for a figure and its static twin's PNG bytes; every call makes a new element id. */
    public static String of(InteractiveFigure figure, byte[] png) {
        // tablesaw-jsplot names a JavaScript variable after the element id: letters, digits and underscores only
        String id = "itkm_plotly_" + Long.toHexString(System.nanoTime()) + "_" + IDS.incrementAndGet();
        String js = figure.plotly().asJavascript(id).replace("<script>", "").replace("</script>", "").trim();
        String img = "<img alt=\"" + TableHtml.escape(figure.title()) + "\" style=\"max-width:100%\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png) + "\"/>";
        return "<div id=\"" + id + "\" class=\"itkm-plotly\" data-traces=\"" + figure.traceCount() + "\">" + img + "</div>\n"
                + "<script type=\"text/javascript\">\n(function () {\n"
                + "  var div = document.getElementById('" + id + "');\n"
                + "  if (!div) { return; }\n"
                + "  var draw = function (Plotly) {\n"
                + "    var still = div.innerHTML;\n"
                + "    div.innerHTML = '';\n"
                + "    try {\n" + js + "\n    } catch (e) { div.innerHTML = still; }\n"
                + "  };\n"
                + "  var missing = function () {\n"
                + "    var p = document.createElement('div');\n"
                + "    p.style.fontSize = 'smaller';\n"
                + "    p.textContent = 'static image: plotly.js was not found at " + PLOTLY_PATH
                + " (run environment/fetch-plotly.sh in the kit)';\n"
                + "    div.appendChild(p);\n"
                + "  };\n"
                + "  if (window.Plotly) { draw(window.Plotly); return; }\n"
                + "  var body = document.body;\n"
                + "  var base = body.getAttribute('data-base-url');\n"
                + "  var path = body.getAttribute('data-notebook-path');\n"
                + "  var config = document.getElementById('jupyter-config-data');\n"
                + "  if (base === null && config) { try { base = JSON.parse(config.textContent).baseUrl; } catch (e) { base = null; } }\n"
                + "  if (!base) { base = '/'; }\n"
                + "  if (base.charAt(base.length - 1) !== '/') { base += '/'; }\n"
                + "  if (path === null) {\n"
                + "    var m = decodeURIComponent(window.location.pathname).match(/\\/(?:lab\\/tree|lab\\/workspaces\\/[^\\/]+\\/tree|notebooks|doc\\/tree|tree)\\/(.*)$/);\n"
                + "    path = m ? m[1] : '';\n"
                + "  }\n"
                + "  var dirs = path.split('/').slice(0, -1);\n"
                + "  var urls = [];\n"
                + "  for (var i = 0; i <= dirs.length; i++) {\n"
                + "    var dir = dirs.slice(0, i).map(encodeURIComponent).join('/');\n"
                + "    urls.push(base + 'files/' + (dir ? dir + '/' : '') + '" + PLOTLY_PATH + "');\n"
                + "  }\n"
                + "  if (typeof window.requirejs === 'function' && window.requirejs.config) {\n"
                + "    window.requirejs.config({paths: {'itkm-plotly': urls.map(function (u) { return u.replace(/\\.js$/, ''); })}});\n"
                + "    window.requirejs(['itkm-plotly'], function (P) { window.Plotly = P; draw(P); }, missing);\n"
                + "    return;\n"
                + "  }\n"
                + "  if (!window.itkmPlotly) {\n"
                + "    window.itkmPlotly = new Promise(function (resolve, reject) {\n"
                + "      var next = function (k) {\n"
                + "        if (k >= urls.length) { reject(new Error('plotly.js not found')); return; }\n"
                + "        var s = document.createElement('script');\n"
                + "        s.src = urls[k];\n"
                + "        s.onload = function () { if (window.Plotly) { resolve(window.Plotly); } else { next(k + 1); } };\n"
                + "        s.onerror = function () { next(k + 1); };\n"
                + "        document.head.appendChild(s);\n"
                + "      };\n"
                + "      next(0);\n"
                + "    });\n"
                + "  }\n"
                + "  window.itkmPlotly.then(draw, missing);\n"
                + "})();\n</script>\n";
    }
}
