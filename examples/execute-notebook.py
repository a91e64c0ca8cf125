"""Executes a Jupyter notebook in a kernel and writes it with the outputs of its code cells.

    python3 examples/execute-notebook.py --kernel NAME --cwd DIR [--timeout 600] [--settle 1] IN.ipynb OUT.ipynb

examples/run-notebook.ts runs it (`npm run examples:notebook`, `npm run test:notebook`) to run
examples/notebook.ipynb in Deno's kernel. It needs Jupyter's client and notebook-format libraries
(`jupyter_client`, `nbformat`; Debian and Ubuntu: `apt-get install python3-jupyter-client
python3-nbformat`).

Why not `jupyter nbconvert --execute`: Deno's kernel may report a cell finished ("idle") before it
has sent all of the cell's outputs; nbconvert stops reading a cell's outputs at that report, so a
line printed at the end of a cell, or the cell's result, goes missing in some runs and not in
others. This executor keeps reading a cell's outputs after the report until the kernel has sent
nothing more for `--settle` seconds, and the outputs are the same on every run.

What it writes is what nbconvert would write: the cells' outputs (consecutive writes to the same
stream joined into one output, as Jupyter shows them), their execution counts, the kernel's
`language_info` in the notebook's metadata, and the notebook as nbformat writes it. An error in a
cell stops the run: the message names the cell (its number and id), its source and the error, and
the exit status is 1.
"""

import argparse
import queue
import sys
import time

import nbformat
from jupyter_client import KernelManager


def reply_to(channel_get, msg_id, deadline):
    """The message on a channel that answers the request msg_id (others are skipped)."""
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the kernel did not answer in time")
        try:
            msg = channel_get(timeout=remaining)
        except queue.Empty:
            raise TimeoutError("the kernel did not answer in time") from None
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def add_output(outputs, msg):
    """Adds the output of an IOPub message to a cell's outputs, as Jupyter shows them."""
    msg_type = msg["header"]["msg_type"]
    if msg_type == "clear_output":
        outputs.clear()
        return
    if msg_type not in ("stream", "display_data", "execute_result", "error"):
        return
    output = nbformat.v4.output_from_msg(msg)
    last = outputs[-1] if outputs else None
    if output.output_type == "stream" and last is not None and last.output_type == "stream" and last.name == output.name:
        last.text += output.text
    else:
        outputs.append(output)


def run_cell(client, source, timeout, settle):
    """Runs a cell's code; returns its outputs and the kernel's execute reply."""
    deadline = time.monotonic() + timeout
    msg_id = client.execute(source, store_history=True, allow_stdin=False, stop_on_error=True)
    reply = reply_to(client.get_shell_msg, msg_id, deadline)
    outputs = []
    idle = False
    while True:
        # Until the kernel reports idle, wait up to the cell's time limit; after it, only as long
        # as outputs still come.
        wait = settle if idle else deadline - time.monotonic()
        if wait <= 0:
            raise TimeoutError("the cell did not finish in time")
        try:
            msg = client.get_iopub_msg(timeout=wait)
        except queue.Empty:
            if idle:
                return outputs, reply
            raise TimeoutError("the cell did not finish in time") from None
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["header"]["msg_type"] == "status":
            idle = idle or msg["content"]["execution_state"] == "idle"
        else:
            add_output(outputs, msg)


def main():
    parser = argparse.ArgumentParser(description="Executes a Jupyter notebook in a kernel and writes it with its outputs.")
    parser.add_argument("--kernel", required=True, help="the kernel's name (a kernelspec on JUPYTER_PATH)")
    parser.add_argument("--cwd", required=True, help="the kernel's working directory")
    parser.add_argument("--timeout", type=float, default=600, help="seconds a cell may run")
    parser.add_argument("--settle", type=float, default=1, help="seconds without output after a cell ends before its outputs are complete")
    parser.add_argument("input")
    parser.add_argument("output")
    args = parser.parse_args()

    notebook = nbformat.read(args.input, as_version=4)
    manager = KernelManager(kernel_name=args.kernel)
    manager.start_kernel(cwd=args.cwd)
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        info = reply_to(client.get_shell_msg, client.kernel_info(), time.monotonic() + 120)
        notebook.metadata["language_info"] = info["content"]["language_info"]
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type != "code":
                continue
            try:
                outputs, reply = run_cell(client, cell.source, args.timeout, args.settle)
            except TimeoutError as error:
                sys.stderr.write(f"{args.input}: cell {index + 1} (id {cell.get('id', '?')}): {error} ({args.timeout:g} s)\n")
                return 1
            cell.outputs = outputs
            cell.execution_count = reply["content"].get("execution_count")
            if reply["content"]["status"] != "ok":
                content = reply["content"]
                traceback = "\n".join(content.get("traceback", []))
                sys.stderr.write(
                    f"{args.input}: cell {index + 1} (id {cell.get('id', '?')}) failed in the kernel:\n"
                    f"{cell.source}\n---\n{content.get('ename', '')}: {content.get('evalue', '')}\n{traceback}\n"
                )
                return 1
    except (TimeoutError, RuntimeError) as error:
        sys.stderr.write(f"{args.input}: the kernel {args.kernel} did not start: {error}\n")
        return 1
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    nbformat.write(notebook, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
