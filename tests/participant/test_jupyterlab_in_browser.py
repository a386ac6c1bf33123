"""A participant's JupyterLab in a real browser: the work copy of a track opens, Run All runs
every cell, checks answer in Spanish, plots show, and the explorer redraws when a control moves.

JupyterLab runs from the dev environment with its config, data, runtime, settings and workspace
folders in a temporary folder, so nothing of the user's own Jupyter leaks in (the widgets'
labextension is still found: it lives under ``sys.prefix``, not in the user's data folder). Debian's
``chromium`` is driven headless by Playwright (flags and waits in docs/architecture.md).
Screenshots are kept in ``test-artifacts/jupyterlab/`` for a person to look at.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kit.check.outcome import MSG as CHECK_MSG
from kit.check.task import TASK_MSG
from kit.widgets.r003 import MSG as EXPLORER_MSG
from tests.browser import BROWSER_MARKS, launch

ROOT = Path(__file__).resolve().parents[2]
TRACK = "contrataciones"
NOTEBOOK = "02_competencia.ipynb"
ARTIFACTS = ROOT / "test-artifacts" / "jupyterlab"
#: JupyterLab shows errors and anything written to stderr with this mime type.
STDERR = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
PROMPTS = ".jp-Notebook .jp-CodeCell .jp-InputPrompt"
#: No news feed: the lab must work, and be tested, offline.
SETTINGS = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}
}

#: True once Run All has started (a cell is queued, running or done).
STARTED = r"s => [...document.querySelectorAll(s.prompts)].some(p => /\[[*\d]/.test(p.textContent))"
#: True once no cell waits: all ran, or an error stopped the rest.
FINISHED = r"""s => {
  const prompts = [...document.querySelectorAll(s.prompts)].map(p => p.textContent);
  if (prompts.length < s.cells || prompts.some(p => p.includes('*'))) return false;
  const errors = [...document.querySelectorAll(s.stderr)].map(o => o.textContent);
  return errors.some(e => e.includes('Traceback')) || prompts.every(p => /\d/.test(p));
}"""
#: What the page shows, cell by cell, to explain a failure.
DESCRIBE = r"""() => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell')].map((cell, i) => ({
  cell: i,
  prompt: cell.querySelector('.jp-InputPrompt')?.textContent ?? '',
  outputs: [...cell.querySelectorAll('.jp-OutputArea-output')].map(o =>
    (o.dataset.mimeType ?? (o.querySelector('.jupyter-widgets') ? 'widget' : '?')) + ': ' +
    o.textContent.trim().replace(/\s+/g, ' ').slice(0, 160)),
}))"""
#: Resolves once the element has kept its place for a few frames, centred in its scroller
#: (off-screen cells lay out only as they scroll in, moving what is below them).
SETTLE = r"""el => new Promise(done => {
  let last = '', same = 0;
  const step = () => {
    el.scrollIntoView({block: 'center'});
    const box = JSON.stringify(el.getBoundingClientRect());
    same = box === last ? same + 1 : 0;
    last = box;
    if (same >= 5) done(); else requestAnimationFrame(step);
  };
  step();
})"""

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = sync_api.expect

pytestmark = BROWSER_MARKS


def make_work_copy(folder: Path) -> Path:
    """The participant's copy of the track, made the way a participant makes it."""
    command = [sys.executable, "-m", "kit.cli", "start", TRACK, "--dir", str(folder), "--no-lab"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return folder / TRACK


@dataclass(frozen=True)
class Lab:
    """A running JupyterLab: where it listens and the token it asks for."""

    url: str
    token: str
    work: Path

    def tree(self, path: str) -> str:
        return f"{self.url}/lab/tree/{path}?token={self.token}"


@pytest.fixture(scope="module")
def lab(tmp_path_factory) -> Iterator[Lab]:
    tmp = tmp_path_factory.mktemp("participant")
    work = tmp / "trabajo"
    assert (make_work_copy(work) / NOTEBOOK).is_file()
    home = tmp / "jupyter"
    env = {k: v for k, v in os.environ.items() if k not in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH")}
    env |= {
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_DATA_DIR": str(home / "data"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "IPYTHONDIR": str(home / "ipython"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "lab-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "lab-workspaces"),
    }
    overrides = home / "config" / "labconfig" / "default_setting_overrides.json"
    overrides.parent.mkdir(parents=True)
    overrides.write_text(json.dumps(SETTINGS), encoding="utf-8")
    port, token = _free_port(), secrets.token_hex(16)
    command = [
        *(sys.executable, "-m", "jupyterlab", "--no-browser", "--ip", "127.0.0.1"),
        *("--port", str(port), "--ServerApp.port_retries=0", f"--ServerApp.root_dir={work}"),
        f"--IdentityProvider.token={token}",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = tmp / "jupyterlab.log"
    with log.open("w") as out:
        server = subprocess.Popen(command, cwd=work, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        lab = Lab(f"http://127.0.0.1:{port}", token, work)
        _wait_until_serving(server, lab, log)
        yield lab
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_serving(server: subprocess.Popen, lab: Lab, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"jupyter lab exited with {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{lab.url}/api/status?token={lab.token}", timeout=5):
                return
        except OSError:
            time.sleep(0.25)
    pytest.fail(f"jupyter lab did not answer /api/status in {timeout} s:\n{log.read_text()}")


@dataclass
class Browser:
    """The page, and what it asked the network for and threw, since it opened."""

    page: sync_api.Page
    requests: list[str]
    errors: list[str]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_api.sync_playwright() as playwright:
        chromium = launch(playwright)
        page = chromium.new_page(viewport={"width": 1400, "height": 900})
        seen = Browser(page, [], [])
        page.on("request", lambda request: seen.requests.append(request.url))
        page.on("pageerror", lambda error: seen.errors.append(str(error)))
        yield seen
        chromium.close()


@pytest.fixture(scope="module")
def notebook(browser, lab) -> sync_api.Page:
    """The challenge notebook opened in the lab, after Run All has finished."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser.page
    page.goto(lab.tree(f"{TRACK}/{NOTEBOOK}"))
    kernel = page.locator(".jp-StatusBar-TextItem[title^='Change kernel']")
    expect(kernel).to_have_text(re.compile(r"^Python 3.* \| Idle$"), timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / "01_kernel_idle.png"))

    page.get_by_role("menuitem", name="Run", exact=True).click()
    run_all = page.locator('.lm-Menu-item[data-command="runmenu:run-all"]')
    expect(run_all).not_to_have_class(re.compile("lm-mod-disabled"))
    run_all.click()
    selectors = {
        "prompts": PROMPTS,
        "stderr": STDERR,
        "cells": _code_cells(lab.work / TRACK / NOTEBOOK),
    }
    try:
        page.wait_for_function(STARTED, arg=selectors, timeout=15_000)
        page.wait_for_function(FINISHED, arg=selectors, timeout=120_000)
    except sync_api.TimeoutError:
        pytest.fail("Run All did not finish:\n" + describe(browser))
    expect(kernel).to_have_text(re.compile(r"\| Idle$"))
    page.screenshot(path=str(ARTIFACTS / "02_after_run_all.png"))
    return page


def _code_cells(path: Path) -> int:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return sum(cell["cell_type"] == "code" for cell in cells)


def describe(browser: Browser) -> str:
    """The notebook as the page shows it: prompt and outputs of each code cell, page errors."""
    lines = [
        f"[{cell['cell']:2d}] {cell['prompt']} " + " | ".join(cell["outputs"])
        for cell in browser.page.evaluate(DESCRIBE)
    ]
    lines += [f"page error: {error}" for error in browser.errors]
    return "\n".join(lines)


def snap(target: sync_api.Locator, name: str) -> None:
    """Save a screenshot of one element, whole and still; the window grows to fit it."""
    page = target.page
    size = page.viewport_size
    height = target.evaluate("el => el.getBoundingClientRect().height")
    page.set_viewport_size(
        {"width": size["width"], "height": max(size["height"], int(height) + 300)}
    )
    target.evaluate(SETTLE)
    target.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    page.set_viewport_size(size)


def test_run_all_runs_every_cell_without_an_error(notebook, browser, lab):
    prompts = notebook.locator(PROMPTS).all_text_contents()
    counts = [int(m.group(1)) if (m := re.search(r"\[(\d+)\]", p)) else None for p in prompts]
    summary = describe(browser)
    assert len(counts) == _code_cells(lab.work / TRACK / NOTEBOOK), summary
    assert counts == list(range(1, len(counts) + 1)), summary
    problems = notebook.locator(STDERR).all_text_contents()
    assert problems == [], summary


def test_checks_answer_in_spanish(notebook, browser):
    checks = notebook.locator(".jp-OutputArea-output .kit-check")
    expect(checks).to_have_count(4)
    first = checks.first
    expect(first).to_have_attribute("lang", "es")
    expect(first).to_contain_text(CHECK_MSG["not_attempted"].get("es"))
    spanish = TASK_MSG["placeholder"].format("es", var="plazos").replace("`", "")
    expect(first).to_contain_text(spanish)
    snap(first.locator("xpath=ancestor::div[contains(@class, 'jp-CodeCell')]"), "03_check_feedback")

    english = [
        CHECK_MSG["not_attempted"].get("en"),
        TASK_MSG["placeholder"].get("en").split(":")[0],
        CHECK_MSG["more_hints"].get("en").split("`")[0].strip(),
    ]
    outputs = " ".join(notebook.locator(".jp-OutputArea-output").all_inner_texts())
    assert [text for text in english if text in outputs] == [], describe(browser)
    for check in checks.all():
        expect(check).to_contain_text(TASK_MSG["placeholder"].get("es").split(":")[0])


def test_plots_show_as_images(notebook, browser):
    plots = notebook.locator(".jp-OutputArea-output.jp-RenderedImage img")
    expect(plots).to_have_count(2)
    for plot in plots.all():
        expect(plot).to_have_attribute("src", re.compile(r"^data:image/png;base64,"))
        size = "i => i.decode().then(() => [i.naturalWidth, i.naturalHeight])"
        width, height = plot.evaluate(size)
        assert width > 300 and height > 200, describe(browser)
    snap(plots.first, "04_plot_r003")


def test_the_explorer_renders_and_redraws_when_a_control_moves(notebook, browser):
    explorer = notebook.locator(".jp-OutputArea-output .widget-vbox:has(.widget-slider)").first
    expect(explorer).to_be_visible()
    labels = explorer.locator(".widget-label")
    for key in ("threshold", "methods", "year"):
        expect(labels.filter(has_text=EXPLORER_MSG[key].get("es"))).to_have_count(1)
        expect(labels.filter(has_text=EXPLORER_MSG[key].get("en"))).to_have_count(0)
    year = explorer.locator(".widget-dropdown select").last
    shown_year = year.evaluate("s => s.options[s.selectedIndex]?.text ?? ''").replace("\xa0", " ")
    assert shown_year == EXPLORER_MSG["all_years"].get("es"), "the year box must not be blank"
    image = explorer.locator("img.widget-image")
    table = explorer.locator(".widget-html-content table")
    handle = explorer.locator(".widget-slider .noUi-handle")
    expect(handle).to_have_attribute("aria-valuenow", "10.0")
    expect(table).to_contain_text(EXPLORER_MSG["flagged_n"].get("es"))
    snap(explorer, "05_explorer_threshold_10")
    before = _flagged(table)

    src = image.get_attribute("src")
    shown = table.inner_text()
    handle.focus()
    handle.press("PageUp")
    expect(handle).to_have_attribute("aria-valuenow", "15.0")
    expect(explorer.locator(".widget-slider .widget-readout")).to_have_text("15")
    expect(image).not_to_have_attribute("src", src)
    expect(table).not_to_have_text(shown)
    assert _flagged(table) > before, describe(browser)
    assert image.evaluate("i => i.decode().then(() => i.naturalWidth)") > 300
    snap(explorer, "06_explorer_threshold_15")

    src = image.get_attribute("src")
    shown = table.inner_text()
    explorer.locator(".widget-dropdown select").first.select_option("selective")
    expect(image).not_to_have_attribute("src", src)
    expect(table).not_to_have_text(shown)
    snap(explorer, "07_explorer_selective")
    assert notebook.locator(STDERR).count() == 0, describe(browser)


def _flagged(table: sync_api.Locator) -> int:
    """The sum of the explorer table's "Marcados" column (processes flagged, top buyers)."""
    header = [cell.strip() for cell in table.locator("thead th").all_inner_texts()]
    column = header.index(EXPLORER_MSG["flagged_n"].get("es"))
    rows = table.locator("tbody tr").evaluate_all("rows => rows.map(r => r.innerText.split('\\t'))")
    return sum(int(row[column]) for row in rows)


def test_the_lab_fetches_nothing_from_the_network(notebook, browser, lab):
    local = (lab.url, "data:", "blob:")
    outside = [url for url in browser.requests if not url.startswith(local)]
    assert outside == []
