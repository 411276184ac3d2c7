"""The harness itself: the app starts from the built binary, its launch file
opens a session over HTTP and in the browser, and SIGTERM ends it cleanly."""

import os
import stat

from harness import AppTestCase, listening_sockets


class HarnessHTTPTests(AppTestCase):
    """One app; an HTTP client opens a session with the launch token and unlocks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vault = cls.make_vault()
        cls.app = cls.make_app(cls.vault)

    def test_1_launch_file_is_private_and_names_the_port(self):
        mode = stat.S_IMODE(os.stat(self.app.launch_file).st_mode)
        self.assertEqual(mode, 0o600, "the launch file is not 0600")
        folder = stat.S_IMODE(os.stat(os.path.dirname(self.app.launch_file)).st_mode)
        self.assertEqual(folder, 0o700, "the launch file's folder is not 0700")
        self.assertTrue(self.app.launch_file.startswith(self.app.runtime_dir + "/"),
                        "the launch file is not under the private XDG_RUNTIME_DIR")
        self.assertEqual(os.path.basename(self.app.launch_file), f"app-{self.app.port}.html")
        self.assertTrue(listening_sockets(self.app.pid), "no listening socket found for the app's pid")

    def test_2_launch_then_unlock_then_home(self):
        client = self.app.client()
        r = client.launch(self.app)
        self.assertStatus(r, 200, "the launch exchange")
        self.assertTrue(client.session_cookie(), "the launch exchange set no session cookie")
        self.assertRedirect(client.get("/"), "/unlock", "home while locked")
        self.assertRedirect(client.unlock(self.vault.passphrase), "/", "unlock with the right passphrase")
        home = client.get("/")
        self.assertStatus(home, 200, "home once unlocked")
        self.assertTextIn("Your vault", home, "home once unlocked")

    def test_3_sigterm_exits_zero_and_removes_the_launch_file(self):
        self.assertEqual(self.app.stop(), 0)
        self.assertFalse(os.path.exists(self.app.launch_file), "the launch file outlived the app")


class HarnessBrowserTests(AppTestCase):
    """The browser opens the launch file (file://) and lands on the app's unlock page."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vault = cls.make_vault()
        cls.app = cls.make_app(cls.vault)
        cls.browser = cls.make_browser()

    def test_launch_file_opens_the_unlock_page(self):
        self.browser.open_launch_file(self.app, expect="/unlock")
        self.assertEqual(self.browser.heading(), "Unlock your vault")

