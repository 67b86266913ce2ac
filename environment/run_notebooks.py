"""Executes the ITKM-J notebooks headless, in order, on a Jupyter kernel (nbclient).

Run with Debian's /usr/bin/python3 (python3-nbclient); environment/run-notebooks.sh is the entry point.
Every notebooks/NN-*.ipynb (or the ones named) runs in a fresh kernel with ITKM_PROFILE set and the
notebooks/ folder as working directory, exactly as JupyterLab runs it. The executed copy goes to the
output folder (also when a cell fails, so the error can be read in context). The first failing cell
stops the run: its source and error are printed and the exit status is 1.

With --expect-checks (the course labs), every code cell tagged `check` must print at least one line
`CHECK <name>: ...`, and each such line must say PASS (`pass`, the solution form) or "not implemented yet"
(`not-implemented`, the student form); a notebook whose checks say otherwise counts as failed.
"""

import argparse
import atexit
import os
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

NOTEBOOK_NAME = re.compile(r"^\d\d-.+\.ipynb$")
CHECK_LINE = re.compile(r"^CHECK (.+?): (.*)$")
EXPECTED_VERDICT = {"pass": "PASS", "not-implemented": "not implemented yet"}
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# a line of the kit's ConsoleProgress (org.itkm.runtime): "<label> [=====>   ]  42% 21/50 ETA 00:07 3.1/s 00:05 ..."
PROGRESS_LINE = re.compile(r"^(?P<label>.+?) \[[= >]*\] +\d+% \d+/\d+\b")
# executed notebooks kept in the repository (results/quick/notebooks) must stay small together
SIZE_BUDGET_BYTES = 10 * 1024 * 1024


class EchoingClient(NotebookClient):
    """An nbclient that can echo the kernel's stdout/stderr while a cell runs (progress in CI logs)."""

    echo = False

    def output(self, outs, msg, display_id, cell_index):
        if self.echo and msg["msg_type"] == "stream":
            stream = sys.stderr if msg["content"].get("name") == "stderr" else sys.stdout
            stream.write(msg["content"].get("text", ""))
            stream.flush()
        return super().output(outs, msg, display_id, cell_index)


def collapse_carriage_returns(text: str) -> str:
    """What a terminal or the notebook page shows for stream text: on each line, only what follows its last
    carriage return (the kit's progress bars redraw one line with \\r; the executed copy keeps its last state)."""
    shown = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if "\r" in line:
            line = line.rstrip("\r")
            line = line[line.rfind("\r") + 1:].rstrip(" ")  # the last redraw, without its padding
        shown.append(line)
    return "\n".join(shown)


def select_notebooks(folder: Path, names):
    if names:
        chosen = []
        for name in names:
            path = Path(name)
            if not path.is_file():
                path = folder / name
            if not path.is_file():
                sys.exit(f"run-notebooks: no notebook '{name}' (looked in the working directory and {folder})")
            chosen.append(path.resolve())
        return chosen
    found = sorted(p for p in folder.iterdir() if NOTEBOOK_NAME.match(p.name))
    if not found:
        sys.exit(f"run-notebooks: no NN-*.ipynb notebooks in {folder}")
    return found


def code_cell_number(nb, cell_index):
    return sum(1 for c in nb.cells[: cell_index + 1] if c.cell_type == "code")


def describe_failure(nb, error):
    """The failing cell's position, source and error text, from the executed notebook."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if errors:
            out = errors[0]
            trace = ANSI.sub("", "\n".join(out.get("traceback", [])) or f"{out.get('ename')}: {out.get('evalue')}")
            return index, cell.source, trace
    return None, None, ANSI.sub("", str(error))


def never_started(error, nb) -> bool:
    """The kernel process started but never answered (no cell ran): worth a fresh kernel."""
    message = str(error)
    started = any(c.get("execution_count") for c in nb.cells if c.cell_type == "code")
    return not started and ("didn't respond" in message or "died before replying" in message)


def execute_once(path: Path, kernel: str, timeout: int, startup_timeout: int, echo: bool, log):
    nb = nbformat.read(path, as_version=4)
    client = EchoingClient(
        nb,
        kernel_name=kernel,
        timeout=timeout,
        startup_timeout=startup_timeout,
        allow_errors=False,
        record_timing=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.echo = echo
    failure = None
    try:
        client.execute(stdout=log, stderr=log)
    except (CellExecutionError, CellTimeoutError, DeadKernelError, RuntimeError) as error:
        failure = error
    # nbclient leaves an exit hook behind when the kernel failed to start; the kernel is gone already
    cleanup = getattr(client, "_cleanup_kernel", None)
    if cleanup is not None:
        atexit.unregister(cleanup)
    return nb, failure


def compact_progress_text(text: str) -> str:
    """A stream's text with its progress walls removed: of consecutive progress lines of the same task only the
    last is kept, and a line redrawn in place (carriage returns, terminal escapes) keeps only what was drawn last."""
    out = []
    for raw in text.split("\n"):
        line = ANSI.sub("", collapse_carriage_returns(raw)) if "\r" in raw or "\x1b" in raw else raw
        m = PROGRESS_LINE.match(line)
        if m and out:
            previous = PROGRESS_LINE.match(out[-1])
            if previous and previous.group("label") == m.group("label"):
                out[-1] = line
                continue
        out.append(line)
    return "\n".join(out)


def compact_progress(nb) -> int:
    """Compacts the progress lines of an executed notebook's stream outputs: consecutive outputs of one stream are
    joined first (the kernel sends every line as its own message), then each text is compacted; returns the lines
    removed."""
    removed = 0
    for cell in nb.cells:
        merged = []
        for output in cell.get("outputs", []):
            if (output.get("output_type") == "stream" and merged and merged[-1].get("output_type") == "stream"
                    and merged[-1].get("name") == output.get("name")):
                merged[-1]["text"] = merged[-1].get("text", "") + output.get("text", "")
            else:
                merged.append(output)
        for output in merged:
            if output.get("output_type") == "stream":
                before = output.get("text", "")
                after = compact_progress_text(before)
                removed += before.count("\n") - after.count("\n")
                output["text"] = after
        if "outputs" in cell:
            cell["outputs"] = merged
    return removed


def check_verdicts(nb, expect: str):
    """Problems with the lab checks of an executed notebook (empty: every check cell printed the expected verdict)."""
    problems = []
    check_cells = 0
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or "check" not in cell.get("metadata", {}).get("tags", []):
            continue
        check_cells += 1
        text = "".join(o.get("text", "") for o in cell.get("outputs", [])
                       if o.get("output_type") == "stream" and o.get("name") == "stdout")
        verdicts = [m for m in (CHECK_LINE.match(line) for line in ANSI.sub("", text).splitlines()) if m]
        if not verdicts:
            problems.append(f"check cell {index} printed no 'CHECK ...' line")
        for m in verdicts:
            if not m.group(2).startswith(EXPECTED_VERDICT[expect]):
                detail = "\n".join(line for line in text.splitlines() if line.startswith("  "))
                problems.append(f"check cell {index}: CHECK {m.group(1)}: {m.group(2)} "
                                f"(expected {EXPECTED_VERDICT[expect]!r})" + (f"\n{detail}" if detail else ""))
    if check_cells == 0:
        problems.append("no code cell tagged 'check'")
    return problems


def run(path: Path, out_dir: Path, kernel: str, timeout: int, startup_timeout: int, attempts: int,
        echo: bool, expect_checks=None) -> bool:
    code_cells = sum(1 for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
    print(f"run-notebooks: {path.name}: {code_cells} code cells on kernel '{kernel}'", flush=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / path.name
    # the kernel process's own console (start-up chatter, JVM crashes) goes to a log kept on failure
    kernel_log = out_dir / (path.stem + ".kernel.log")
    started = time.monotonic()
    with open(kernel_log, "w") as log:
        for attempt in range(1, attempts + 1):
            nb, failure = execute_once(path, kernel, timeout, startup_timeout, echo, log)
            if failure is None or not never_started(failure, nb) or attempt == attempts:
                break
            # a guard only: the kit's kernel answers every start (rapaio 3.0.1, the kernel before it, did not);
            # on a machine too loaded to start a JVM in time a fresh kernel process is the remedy
            print(f"run-notebooks: {path.name}: the kernel did not answer within {startup_timeout} s;"
                  f" starting a new one (attempt {attempt + 1} of {attempts})", file=sys.stderr, flush=True)
            log.write(f"\n--- attempt {attempt + 1} ---\n")
            log.flush()
    elapsed = time.monotonic() - started
    compact_progress(nb)
    nbformat.write(nb, target)
    problems = check_verdicts(nb, expect_checks) if failure is None and expect_checks else []
    if problems:
        kernel_log.unlink()
        print(f"run-notebooks: {path.name}: ran, but its checks are not as expected ({expect_checks}):",
              file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        print(f"run-notebooks: the executed notebook is in {target}", file=sys.stderr)
        return False
    if failure is None:
        kernel_log.unlink()
        print(f"run-notebooks: {path.name}: ok in {elapsed:.1f} s -> {target}", flush=True)
        return True
    index, source, trace = describe_failure(nb, failure)
    print(f"run-notebooks: {path.name}: FAILED after {elapsed:.1f} s", file=sys.stderr)
    if index is not None:
        print(f"--- code cell {code_cell_number(nb, index)} of {code_cells} (cell index {index}) ---",
              file=sys.stderr)
        print(source, file=sys.stderr)
    elif isinstance(failure, CellTimeoutError):
        print(f"--- a cell ran longer than --timeout {timeout} s ---", file=sys.stderr)
    print("--- error ---", file=sys.stderr)
    print(trace, file=sys.stderr)
    if index is None:  # no cell error: the kernel died or did not start; its console says why
        print(f"--- last lines of the kernel's console ({kernel_log}) ---", file=sys.stderr)
        print("".join(kernel_log.read_text(errors="replace").splitlines(keepends=True)[-30:]), file=sys.stderr)
    print(f"run-notebooks: the partly executed notebook is in {target}", file=sys.stderr)
    return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks to run (default: every NN-*.ipynb in order)")
    parser.add_argument("--notebooks-dir", required=True, type=Path)
    parser.add_argument("--profile", required=True, choices=["smoke", "quick", "paper"])
    parser.add_argument("--out", required=True, type=Path, help="folder for the executed copies")
    parser.add_argument("--kernel", default="itkm", help="kernelspec name (default: itkm)")
    parser.add_argument("--timeout", type=int, default=10800, help="seconds one cell may run (default 10800)")
    parser.add_argument("--startup-timeout", type=int, default=20,
                        help="seconds for the kernel to answer after it starts (default 20)")
    parser.add_argument("--start-attempts", type=int, default=5,
                        help="kernels started per notebook when one never answers (default 5; a guard, the kit's kernel answers every start)")
    parser.add_argument("--echo", action="store_true", help="echo cell stdout/stderr while cells run")
    parser.add_argument("--expect-checks", choices=sorted(EXPECTED_VERDICT),
                        help="labs: every cell tagged 'check' must print this verdict")
    args = parser.parse_args()

    os.environ["ITKM_PROFILE"] = args.profile
    notebooks = select_notebooks(args.notebooks_dir.resolve(), args.notebooks)
    total_started = time.monotonic()
    timings = []
    for path in notebooks:
        started = time.monotonic()
        ok = run(path, args.out, args.kernel, args.timeout, args.startup_timeout, args.start_attempts,
                 args.echo, args.expect_checks)
        timings.append((path.name, time.monotonic() - started, ok))
        if not ok:
            break
    print(f"run-notebooks: profile {args.profile}, executed copies in {args.out}", flush=True)
    for name, seconds, ok in timings:
        print(f"  {seconds:8.1f} s  {'ok    ' if ok else 'FAILED'}  {name}", flush=True)
    print(f"  {time.monotonic() - total_started:8.1f} s  total", flush=True)
    kept = sum(p.stat().st_size for p in args.out.glob("*.ipynb"))
    print(f"run-notebooks: executed notebooks in {args.out}: {kept / 1048576:.2f} MiB together"
          + (f" (over the {SIZE_BUDGET_BYTES // 1048576} MiB a committed set may take)" if kept > SIZE_BUDGET_BYTES else ""),
          flush=True)
    skipped = len(notebooks) - len(timings)
    if skipped:
        print(f"run-notebooks: {skipped} later notebook(s) not run", file=sys.stderr)
    return 0 if all(ok for _, _, ok in timings) and not skipped else 1


if __name__ == "__main__":
    sys.exit(main())
