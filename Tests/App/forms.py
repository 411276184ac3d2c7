"""Helpers the page tests share: a multipart POST (the codes forms carry a
file input), the vault's state read back through the CLI, unlocking in the
browser, and where screenshots are kept.

Nothing here prints a value: codes and pages stay in memory.
"""

import json
import os
import secrets

from harness import ROOT, SCREENSHOTS  # noqa: F401 (SCREENSHOTS: re-exported for the page tests)


def click_and_wait(browser, css, path):
    """Clicks `css` and waits for the next page (a new document, even at the same path) to load at `path`."""
    act_and_wait(browser, lambda: browser.find(css).click(), path)


def type_and_wait(browser, css, keys, path):
    """Types `keys` (ending in Enter) into `css` and waits for the page the form
    sends to, even at the same path (a search), to load at `path`."""
    act_and_wait(browser, lambda: browser.find(css).send_keys(keys), path)


def act_and_wait(browser, action, path):
    """Runs `action` and waits until the page it leads to has replaced this one, at `path`."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait
    old = browser.find("html")
    action()

    def replaced(_):
        # The old page's root is gone. While the new document commits,
        # Chromium may answer "Node with given id does not belong to the
        # document" instead of a stale-element error: the same fact.
        try:
            old.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as e:
            if "does not belong to the document" in str(e):
                return True
            raise
    WebDriverWait(browser.driver, 15).until(replaced)
    browser.wait_for_path(path)


def unlock_in_browser(cls):
    """Opens the launch file in `cls.browser` and unlocks `cls.vault` by typing its passphrase."""
    cls.browser.open_launch_file(cls.app, expect="/unlock")
    cls.browser.find("#passphrase").send_keys(cls.vault.passphrase + "\n")
    cls.browser.wait_for_path("/")


def post_multipart(client, target, fields=None, files=None, site="same-origin", boundary=None):
    """POSTs `multipart/form-data` as a browser does.

    `fields`: {name: str}; `files`: {name: (file name, bytes)}. A file field
    with an empty name and no bytes is what a browser sends when no file was
    chosen.
    """
    boundary = boundary or "----CaseVaultTest" + secrets.token_hex(8)
    parts = []
    for name, value in (fields or {}).items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
                     + value.encode() + b"\r\n")
    for name, (file_name, data) in (files or {}).items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{file_name}"\r\n'
                     f"Content-Type: text/plain\r\n\r\n".encode() + data + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    if site is not None:
        headers["Sec-Fetch-Site"] = site
    return client.request("POST", target, headers=headers, body=body)


def code_entry(vault, label):
    """`code show LABEL --json` (codes included: keep it in memory only)."""
    return json.loads(vault.cli(["code", "show", label, "--json"], what="code show").stdout)


def code_labels(vault):
    """{label: entry} from `code list --json` (no codes)."""
    return {e["label"]: e for e in json.loads(vault.cli(["code", "list", "--json"], what="code list").stdout)["entries"]}


def identifiers(vault):
    """`id list --json` (values masked)."""
    return json.loads(vault.cli(["id", "list", "--json"], what="id list").stdout)["identifiers"]


def identifier(vault, ref):
    """`id show REF --json` (the value in full: keep it in memory only)."""
    return json.loads(vault.cli(["id", "show", ref, "--json"], what="id show").stdout)


def used_flags(entry):
    """Which codes of an entry are marked used, in order."""
    return [c.get("usedAt") is not None for c in entry["codes"]]
