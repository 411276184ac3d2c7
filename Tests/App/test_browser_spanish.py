"""The app in Spanish, in a real browser whose language is Spanish
(headless Chromium with --lang=es): the emergency page and the kit with the
English headings beside, the first-run walkthrough, and the language switch
(a POST that sets the casevault_lang cookie); over HTTP, Accept-Language
with q-values and a GET that changes nothing.
"""

import json

from firstrun import new_vault_at
from forms import click_and_wait
from pages import BrowserPageTestCase


class SpanishEmergencyBrowserTests(BrowserPageTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vault = cls.make_vault(create=False)
        cls.vault.cli(["init", "--kdf", "interactive", "--json"], what="init")
        cls.vault.add_codes("uscis", ["ABCD-9876-ZYXW"])
        cls.vault.cli(["id", "add", "a-number"], stdin=b"A087654321\n", what="id add")
        cls.vault.cli(["id", "add", "receipt", "--note", "I-485"], stdin=b"IOE0987654321\n", what="id add")
        cls.open_unlocked(cls.vault, browser_options={"lang": "es"})

    def lang(self):
        return self.browser.driver.find_element("css selector", "html").get_attribute("lang")

    def test_1_emergency_page_in_spanish_with_english_headings(self):
        b = self.browser
        self.go("/emergency")
        self.assertEqual(self.lang(), "es")
        self.assertEqual(b.heading(), "Emergencia (Emergency)")
        headings = [e.text for e in b.find_all("main h2")]
        for h in ("Código de respaldo de USCIS (USCIS backup code)",
                  "Número de Registro de Extranjero (A-Number)",
                  "Número de recibo (receipt number)"):
            self.assertIn(h, headings)
        self.assertEqual(b.find(".code-card .big").text, "ABCD-9876-ZYXW")
        self.assertIn("A-087-654-321", b.page_text())
        self.assertEqual(b.find("form[action='/codes/uscis/use'] button").text, "Marcar como usado")
        nav = [e.text for e in b.find_all("nav a")]
        self.assertEqual(nav[:5], ["Inicio", "Códigos de respaldo", "Números de caso", "Documentos", "Emergencia"])
        self.assertNotIn("Mark used", b.page_text())

    def test_2_kit_in_spanish(self):
        b = self.browser
        self.go("/emergency")
        click_and_wait(b, "a[href='/emergency/kit']", "/emergency/kit")
        self.assertEqual(b.driver.title, "Kit de emergencia de CaseVault (emergency kit)")
        self.assertEqual(self.lang(), "es")
        text = b.page_text()
        for h in ("1. Su bóveda (Your vault)", "2. Clave de recuperación (Recovery key)",
                  "4. Si pierde la computadora, se la roban o se rompe (If the laptop is lost, stolen or broken)"):
            self.assertIn(h, text)
        self.assertGreater(b.find_all(".cell")[0].size["width"], 20, "the kit's style did not apply")

    def test_3_the_switch_changes_the_language_and_keeps_the_page(self):
        b = self.browser
        self.go("/emergency")
        self.assertEqual(b.find("form.language button[aria-pressed=true]").get_attribute("value"), "es")
        click_and_wait(b, "form.language button[value=en]", "/emergency")
        self.assertEqual(self.lang(), "en")
        self.assertEqual(b.heading(), "Emergency")
        cookie = b.driver.get_cookie("casevault_lang")
        self.assertEqual(cookie["value"], "en")
        self.assertTrue(cookie["httpOnly"], "the language cookie is not HttpOnly")
        self.assertEqual(cookie["sameSite"], "Strict")
        self.assertEqual(cookie["path"], "/")
        # The cookie wins over the browser's Spanish on the next page too.
        self.go("/")
        self.assertEqual(self.lang(), "en")
        click_and_wait(b, "form.language button[value=es]", "/")
        self.assertEqual(self.lang(), "es")
        self.assertEqual(b.driver.get_cookie("casevault_lang")["value"], "es")

    def test_4_over_http_accept_language_q_values_and_no_change_on_get(self):
        # The launch link was spent by the browser: an HTTP client with its session.
        client = self.app.client()
        client.cookies["casevault_session"] = self.browser.driver.get_cookie("casevault_session")["value"]
        def lang_of(accept):
            r = client.get("/emergency", headers={"Accept-Language": accept})
            self.assertStatus(r, 200, "GET /emergency")
            return r.text.split('<html lang="', 1)[1].split('"', 1)[0]
        self.assertEqual(lang_of("es-MX,es;q=0.9,en;q=0.8"), "es")
        self.assertEqual(lang_of("en;q=0.5, es;q=0.7"), "es")
        self.assertEqual(lang_of("en-US,en;q=0.9,es;q=0.8"), "en")
        self.assertEqual(lang_of("fr-FR, es;q=0.3"), "es")
        self.assertEqual(lang_of("es;q=0, en;q=0.1"), "en")
        # A GET of the switch's address changes nothing (no cookie set).
        r = client.get("/language?lang=es")
        self.assertNotEqual(r.status, 303)
        self.assertNotIn("casevault_lang", client.cookies)
        # A cross-site POST is refused and sets nothing.
        r = client.post("/language", {"lang": "es", "back": "/emergency"}, site="cross-site")
        self.assertEqual(r.status, 403)
        self.assertNotIn("casevault_lang", client.cookies)
        # The real POST sets the cookie and goes back, never off the app.
        r = client.post("/language", {"lang": "es", "back": "//example.org/x"})
        self.assertRedirect(r, "/", "a back path off the app")
        self.assertEqual(client.cookies.get("casevault_lang"), "es")
        set_cookie = [h for h in client.set_cookie_headers if h.startswith("casevault_lang=")][-1]
        for attribute in ("HttpOnly", "SameSite=Strict", "Path=/"):
            self.assertIn(attribute, set_cookie)
        self.assertEqual(lang_of("en"), "es", "the cookie does not win over Accept-Language")
        r = client.post("/language", {"lang": "xx", "back": "/"})
        self.assertEqual(r.status, 400)

    def test_5_home_unlock_and_case_numbers_in_spanish(self):
        b = self.browser
        self.go("/")
        self.assertEqual(b.heading(), "Su bóveda")
        self.go("/codes")
        self.assertEqual(b.heading(), "Códigos de respaldo")
        self.assertIn("Un código de respaldo", b.page_text())
        self.go("/codes/uscis")
        self.assertEqual(b.find("form[action='/codes/uscis/show'] button").text, "Mostrar los códigos")
        self.go("/codes/new")
        self.assertEqual(b.find("label[for=codes]").text, "Pegue los códigos")
        self.go("/ids")
        self.assertEqual(b.heading(), "Números de caso")
        self.assertEqual([e.text for e in b.find_all("main thead th")][:3], ["Nombre", "Tipo", "Número"])
        self.assertIn("Número de Registro de Extranjero (A-Number)", b.page_text())
        self.go("/ids/new")
        self.assertEqual(b.heading(), "Agregar un número de caso")
        self.assertEqual(b.find("label[for=kind]").text, "Tipo de número")
        # A wrong A-Number: refused on the form in Spanish, with its format, what was typed kept.
        b.find("#value").send_keys("A12")
        b.find("main form button[type=submit]").click()
        b.wait_for_path("/ids")
        text = b.page_text()
        self.assertIn("Eso no es un Número de Registro de Extranjero (A-Number) válido", text)
        self.assertNotIn("7 to 9 digits", text)
        self.assertEqual(b.find("#value").get_attribute("value"), "A12")
        # An unknown address: the error page's heading and way back in Spanish.
        self.go("/no-such-page")
        self.assertEqual(b.heading(), "No se encontró")
        self.assertIn("Volver", b.page_text())
        # Locking: the unlock page in Spanish; unlocking again for the next tests.
        click_and_wait(b, "form.lock button", "/unlock")
        self.assertEqual(b.heading(), "Desbloquee su bóveda")
        self.assertEqual(b.find("label[for=passphrase]").text, "Frase de contraseña")
        b.find("#passphrase").send_keys(self.vault.passphrase + "\n")
        b.wait_for_path("/")


class SpanishWalkthroughBrowserTests(BrowserPageTestCase):
    """The first-run walkthrough in a Spanish browser, from the launch file to the vault."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vault = new_vault_at(cls.workspace, "nueva")
        cls.app = cls.make_app(cls.vault)
        cls.browser = cls.make_browser(lang="es")

    def test_walkthrough_in_spanish(self):
        b = self.browser
        b.open_launch_file(self.app, expect="/setup")
        self.assertEqual(b.heading(), "Bienvenido a CaseVault")
        self.assertIn(self.vault.path, b.page_text())
        self.click("a[href='/setup/create']", "/setup/create")
        self.assertEqual(b.heading(), "Elija una frase de contraseña")
        self.assertEqual(b.find("label[for=passphrase]").text, "Frase de contraseña")
        b.find("#passphrase").send_keys(self.vault.passphrase)
        b.find("#passphrase_again").send_keys(self.vault.passphrase)
        self.click("form[action='/setup/create'] button[type=submit]", "/setup/create")
        self.assertEqual(b.heading(), "Su clave de recuperación")
        self.assertIn("Paso 2 de 4", b.page_text())
        key = b.find("#recovery-key").text
        b.find("#recovery_key").send_keys("0000-0000")
        self.click("form[action='/setup/recovery-key'] button", "/setup/recovery-key")
        self.assertIn("No coincide con la clave de recuperación", b.page_text())
        b.find("#recovery_key").send_keys(key)
        click_and_wait(b, "form[action='/setup/recovery-key'] button", ("/setup/keyring", "/setup/code"))
        if b.path() == "/setup/keyring":
            self.assertEqual(b.heading(), "¿Abrir sin escribir la frase de contraseña?")
            self.click("button[value=skip]", "/setup/code")
        self.assertEqual(b.heading(), "Su código de respaldo de USCIS")
        self.assertIn("Paso 4 de 4", b.page_text())
        self.click("form[action='/setup/code'] input[value=skip] ~ button", "/setup/done")
        self.assertEqual(b.heading(), "Su bóveda está lista")
        self.assertIn("Código de respaldo de USCIS: todavía no se agregó", b.page_text())
        self.assertEqual(b.driver.find_element("css selector", "html").get_attribute("lang"), "es")
