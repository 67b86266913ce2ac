"""The browser test: a real Chromium opens the classic notebook server, runs a short notebook on the `itkm`
kernel through the page, and checks what a reader sees: an HTML table, a Plotly figure with its traces, an
equation rendered by MathJax, and the kit's progress bar as one line. Saves screenshots.

Run by environment/browser-test.sh (which starts the server); Debian's /usr/bin/python3 with
python3-selenium, chromium and chromium-driver (environment/install.sh installs them).
"""

import argparse
import json
import sys
import time
from pathlib import Path

import nbformat
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

NOTEBOOK = "browser-test.ipynb"

EQUATION = r"""## Equation (8), the separation loss

$$
\mathcal{L}_{sep} = \frac{1}{|\mathcal{P}|} \sum_{(a,b) \in \mathcal{P}} \left[ \cos(t_a, t_b) - m \right]_+
\qquad \text{(Eq. 8)}
$$
"""

# the kit's own display path: a Tablesaw table and an interactive figure through NotebookDisplay (the
# figure's script loads plotly.js from vendor/plotly/ under the server's root, as in the kit's notebooks)
TABLE = r'''import tech.tablesaw.api.*;
Table t = Table.create("browser test", StringColumn.create("method", "ITKM(S)", "ITKM(M)"),
        DoubleColumn.create("R1", 91.2, 92.0), DoubleColumn.create("mAP", 80.1, 81.4));
org.itkm.notebook.NotebookDisplay.table(t)'''

FIGURE = r'''var figure = org.itkm.report.plotly.InteractiveFigure.lines("browser test: R1 and mAP per epoch", "epoch", "%",
        new java.util.LinkedHashMap<>(java.util.Map.of(
                "R1", new double[][] {{1, 2, 3, 4}, {20.1, 35.7, 48.2, 55.0}},
                "mAP", new double[][] {{1, 2, 3, 4}, {12.3, 22.8, 31.9, 36.4}})));
org.itkm.notebook.NotebookDisplay.figure(figure)'''

PROGRESS = r'''try (var progress = new org.itkm.runtime.ConsoleProgress("browser-test steps", 4)) {
    for (int i = 0; i < 4; i++) {
        Thread.sleep(700);
        progress.step(1);
    }
}
System.out.println("done");'''


def write_notebook(folder: Path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "itkm", "display_name": "ITKM-J", "language": "java"}
    nb.cells = [nbformat.v4.new_markdown_cell(EQUATION), nbformat.v4.new_code_cell(TABLE),
                nbformat.v4.new_code_cell(FIGURE), nbformat.v4.new_code_cell(PROGRESS)]
    nbformat.write(nb, folder / NOTEBOOK)


def wait(driver, script, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"browser-test: {what} (waited {timeout:.0f} s)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--root", required=True, type=Path, help="the server's root folder (the notebook is written here)")
    parser.add_argument("--screenshots", required=True, type=Path)
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()
    write_notebook(args.root)
    args.screenshots.mkdir(parents=True, exist_ok=True)

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--window-size=1280,1600", "--no-first-run", "--disable-extensions"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    started = time.monotonic()
    failures = []
    try:
        driver.get(f"{args.url}/notebooks/{NOTEBOOK}?token={args.token}")
        wait(driver, "return window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel"
                     " && Jupyter.notebook.kernel.is_connected() && !!Jupyter.notebook.kernel.info_reply", 60,
             "the page never connected to the itkm kernel")
        kernel_ready = time.monotonic() - started
        driver.execute_script("Jupyter.notebook.execute_all_cells();")
        wait(driver, "var cells = Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code');"
                     "return cells.every(c => c.input_prompt_number && c.input_prompt_number !== '*')"
                     " && Jupyter.notebook.kernel_busy === false", args.timeout,
             "the cells did not all finish")
        errors = driver.execute_script("return Array.from(document.querySelectorAll('.output_error')).map(e => e.innerText)")
        if errors:
            failures.append("a cell failed: " + " | ".join(errors))
        # 1. the HTML table
        rows = driver.execute_script("return document.querySelectorAll('.output_html table.itkm-table tbody tr').length")
        if rows != 2:
            failures.append(f"HTML table: expected 2 rows, found {rows}")
        # 2. the Plotly figure with its two traces drawn
        try:
            traces = wait(driver, "var el = document.querySelector('.output_html .js-plotly-plot');"
                                  "return el && el.data && el.querySelectorAll('g.trace').length >= 2"
                                  " ? [el.data.length, el.querySelectorAll('g.trace').length] : null",
                          30, "Plotly figure not drawn")
            if traces[0] != 2:
                failures.append(f"Plotly figure: expected 2 traces, found {traces[0]}")
        except AssertionError as error:
            failures.append(str(error))
        # 3. the equation typeset by MathJax (not left as $$...$$ text)
        try:
            wait(driver, "return document.querySelectorAll('.text_cell_render .MathJax_Display, .text_cell_render mjx-container').length > 0",
                 30, "equation not rendered by MathJax")
            raw = driver.execute_script("return Array.from(document.querySelectorAll('.text_cell_render'))"
                                        ".some(e => e.innerText.includes('$$'))")
            if raw:
                failures.append("equation: the raw $$ source is still visible")
        except AssertionError as error:
            failures.append(str(error))
        # 4. the progress bar is one updating line, not a wall
        stderr = driver.execute_script("return Array.from(document.querySelectorAll('.output_stderr pre')).map(e => e.innerText)")
        bars = [line for text in stderr for line in text.splitlines() if "browser-test steps" in line]
        if len(bars) != 1 or "4/4" not in bars[0]:
            failures.append(f"progress: expected one line ending at 4/4, found {len(bars)}: {bars}")

        height = driver.execute_script("return document.getElementById('notebook').scrollHeight")
        driver.set_window_size(1280, min(max(1600, height + 200), 6000))
        driver.save_screenshot(str(args.screenshots / "notebook.png"))
        for name, selector in (("table", ".output_html table.itkm-table"),
                               ("figure", ".output_html .js-plotly-plot"),
                               ("equation", ".text_cell_render")):
            elements = driver.find_elements(By.CSS_SELECTOR, selector)
            if elements:
                elements[0].screenshot(str(args.screenshots / f"{name}.png"))
        elapsed = time.monotonic() - started
        summary = {"kernel_ready_s": round(kernel_ready, 1), "total_s": round(elapsed, 1), "failures": failures,
                   "table_rows": rows, "progress_lines": bars}
        (args.screenshots / "result.json").write_text(json.dumps(summary, indent=2) + "\n")
    finally:
        driver.quit()
    if failures:
        for f in failures:
            print("browser-test: FAILED: " + f, file=sys.stderr)
        print(f"browser-test: screenshots in {args.screenshots}", file=sys.stderr)
        return 1
    print(f"browser-test: ok in {elapsed:.1f} s (kernel connected after {kernel_ready:.1f} s): HTML table, "
          f"Plotly figure with 2 traces, MathJax equation, one-line progress; screenshots in {args.screenshots}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
