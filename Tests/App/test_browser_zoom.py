"""Readable at 200% zoom: every main page, in a window of 1280x800 at 200%
(the same as 640x400 CSS pixels), fits the width (no sideways scrolling),
keeps its heading and navigation reachable, and its text at least as large
as at 100%. Also reachable from the keyboard alone: Tab reaches every link,
button and field of the page, each with a visible focus ring.
"""

import json
import os

from pages import BrowserPageTestCase

PAGES = ["/", "/codes", "/codes/new", "/ids", "/ids/new", "/documents", "/documents/add",
         "/emergency", "/settings", "/share", "/representatives", "/export", "/backup"]


class ZoomTests(BrowserPageTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vault = cls.make_vault()
        cls.vault.add_codes("uscis", ["ABCD-EFGH-JKLM"])
        cls.vault.add_codes("login.gov", [f"{i:04d}-{i * 7 % 10000:04d}-QWER" for i in range(10)])
        cls.vault.cli(["id", "add", "receipt", "--label", "I-485 receipt number, long label to wrap"], stdin=b"IOE0123456789\n")
        cls.open_unlocked(cls.vault, idle_lock="10m")

    def test_every_page_fits_at_200_percent(self):
        b = self.browser
        for path in PAGES:
            with self.subTest(page=path):
                b.set_viewport(1280, 800)
                self.go(path)
                size_100 = b.driver.execute_script(
                    "return parseFloat(getComputedStyle(document.querySelector('main')).fontSize)")
                b.set_viewport(640, 400)  # 1280x800 at 200% zoom
                b.driver.refresh()
                b.wait_for_path(path)
                self.assertFitsAt200Percent(path)
                size_200 = b.driver.execute_script(
                    "return parseFloat(getComputedStyle(document.querySelector('main')).fontSize)")
                self.assertGreaterEqual(size_200, size_100, f"{path}: text got smaller at 200%")
        b.set_viewport(1280, 800)

    def test_tab_reaches_every_control_with_a_visible_focus(self):
        b = self.browser
        for path in PAGES:
            with self.subTest(page=path):
                self.go(path)
                b.driver.execute_script(
                    "window.__controls = Array.from(document.querySelectorAll('a[href], button, input, select, textarea'))"
                    ".filter(e => !e.disabled && e.type !== 'hidden' && e.offsetParent !== null)"
                    # A radio group is one Tab stop (arrow keys move inside it): its checked radio.
                    ".filter(e => e.type !== 'radio' || e.checked || !e.form.querySelector("
                    "'input[type=radio][name=\"' + e.name + '\"]:checked'))")
                controls = b.driver.execute_script("return window.__controls.length")
                b.driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
                from selenium.webdriver.common.action_chains import ActionChains
                from selenium.webdriver.common.keys import Keys
                seen = set()
                unringed = []
                for _ in range(controls + 3):
                    ActionChains(b.driver).send_keys(Keys.TAB).perform()
                    info = b.driver.execute_script(
                        "var e = document.activeElement; if (!e || e === document.body) return null;"
                        "var s = getComputedStyle(e);"
                        "return [window.__controls.indexOf(e) + ': ' + e.outerHTML.slice(0, 60),"
                        " s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2];")
                    if info is None:
                        continue
                    seen.add(info[0])
                    if not info[1]:
                        unringed.append(info[0])
                self.assertGreaterEqual(len(seen), controls, f"{path}: Tab reached {len(seen)} of {controls} controls")
                self.assertEqual(unringed, [], f"{path}: controls without a visible focus ring")
