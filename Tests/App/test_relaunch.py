"""One app per vault for the menu's launches.

Started as the applications menu starts it (`casevault app`, which opens the
browser itself), the app holds a per-vault lock file naming its process.
Choosing CaseVault again then does not start a second server: the second
`casevault app` wakes the first (SIGUSR1) and exits 0, and the first writes
a new launch file with a new one-time token and opens it. The desktop's
opener here is a stand-in `xdg-open` on PATH that records the file it was
given (the path only: the token is never in argv).
"""

import os
import re
import signal
import stat
import subprocess
import time
import urllib.parse

from harness import BINARY, STOP_TIMEOUT, AppTestCase, Client, RunningApp, _terminate_with_parent, listening_sockets

HOW_TO_OPEN = "Open CaseVault from its launch file"


class RelaunchTests(AppTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vault = cls.make_vault()
        cls.bin = cls.workspace.sub("bin")
        cls.opened = os.path.join(cls.workspace.path, "opened.txt")
        opener = os.path.join(cls.bin, "xdg-open")
        with open(opener, "w") as f:
            f.write(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{cls.opened}"\n')
        os.chmod(opener, 0o700)
        cls.runtime = cls.workspace.sub("run")
        cls.env = dict(os.environ, PATH=cls.bin + ":" + os.environ.get("PATH", ""), XDG_RUNTIME_DIR=cls.runtime)
        cls.argv = [BINARY, "app", "--vault", cls.vault.path, "--no-keyring"]

    def opened_files(self):
        try:
            with open(self.opened) as f:
                return [line.strip() for line in f if line.strip()]
        except FileNotFoundError:
            return []

    def wait_for_opened(self, count, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            files = self.opened_files()
            if len(files) >= count:
                return files
            time.sleep(0.1)
        self.fail(f"the opener was called {len(self.opened_files())} time(s), expected {count}")

    def start_menu_app(self):
        """`casevault app` as the menu runs it; waits for its browser opening."""
        before = len(self.opened_files())
        process = subprocess.Popen(self.argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, env=self.env, preexec_fn=_terminate_with_parent)
        self.addCleanup(lambda: process.poll() is None and process.kill())
        files = self.wait_for_opened(before + 1)
        return process, files[-1]

    def launch_path(self, launch_file):
        """The launch URL's port, and its path and query (never printed)."""
        with open(launch_file) as f:
            url = re.search(r'url=(http://[^"\s]+)"', f.read()).group(1)
        parts = urllib.parse.urlsplit(url)
        return parts.port, parts.path + "?" + parts.query

    def stop(self, process):
        process.send_signal(signal.SIGTERM)
        return process.wait(STOP_TIMEOUT)

    def test_1_a_second_launch_opens_the_running_app_with_a_new_one_time_link(self):
        first, file1 = self.start_menu_app()
        port, target1 = self.launch_path(file1)

        second = subprocess.run(self.argv, stdin=subprocess.DEVNULL, capture_output=True, env=self.env, timeout=30)
        self.assertEqual(second.returncode, 0, "the second launch failed")
        self.assertIn(b"already running", second.stdout)
        file2 = self.wait_for_opened(2)[-1]
        self.assertNotEqual(file1, file2)
        self.assertEqual(stat.S_IMODE(os.stat(file2).st_mode), 0o600, "the new launch file is not 0600")
        port2, target2 = self.launch_path(file2)
        self.assertEqual(port2, port, "the new link is not the running app's")
        self.assertNotEqual(target1, target2, "the new link reuses the first token")
        self.assertIsNone(first.poll(), "the running app ended")
        self.assertEqual(len(listening_sockets(first.pid)), 1, "the running app listens more than once")

        # Each link opens one session, once; neither opens a second.
        for target in (target2, target1):
            c = Client(port)
            r = c.get(target)
            self.assertStatus(r, 200, "a launch link")
            self.assertTrue(c.session_cookie(), "a launch link gave no session")
            again = Client(port).get(target)
            self.assertFalse(again.header("Set-Cookie"), "a spent launch link opened a second session")
            self.assertIn(HOW_TO_OPEN, again.text)

        self.assertEqual(self.stop(first), 0, "the app did not exit 0 on SIGTERM")
        for f in (file1, file2):
            self.assertFalse(os.path.exists(f), "a launch file outlived the app")

    def test_2_script_launches_keep_their_own_app(self):
        first, _ = self.start_menu_app()
        opened = len(self.opened_files())
        scripted = RunningApp(self.workspace, self.vault.path, extra_env={"XDG_RUNTIME_DIR": self.runtime})
        try:
            self.assertNotEqual(scripted.pid, first.pid)
            time.sleep(0.5)
            self.assertEqual(len(self.opened_files()), opened, "a --json launch woke the menu's app")
        finally:
            scripted.stop()
        self.assertEqual(self.stop(first), 0)

    def test_3_after_the_app_ends_a_launch_starts_a_new_one(self):
        first, _ = self.start_menu_app()
        self.assertEqual(self.stop(first), 0)
        again, file = self.start_menu_app()
        self.assertNotEqual(again.pid, first.pid)
        self.assertTrue(os.path.exists(file))
        self.assertEqual(self.stop(again), 0)
