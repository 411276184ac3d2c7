"""The sharing pages in Spanish, in a real browser whose language is
Spanish (headless Chromium with --lang=es): on the applicant's side the
"Share and back up" hub, the representatives (added by pasting a recipient,
removed after the question), choosing and reviewing a share; on the
attorney's side the identity, the Clients inbox, importing shares (the
results), a client's page, a share's page with its codes shown, a share
signed by another key and its re-pin page, removing a share, and pinning a
look-alike. Each page is checked for `<html lang="es">`, its Spanish words,
and that no English sentence of these pages' catalogue keys is left on it
(text or attributes).
"""

import html
import json
import os
import re
import time

from attorney import Applicant, make_attorney, post_files
from forms import post_multipart
from pages import BrowserPageTestCase
from sharing import Representative, add_document

CATALOGUES = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                          "Sources", "CaseVaultText", "Catalogues")
PREFIXES = ("app.reps.", "app.export.", "app.identity.", "app.inbox.", "app.share.")
JANE = "Jane Doe, Esq."


def english_sentences():
    """The English texts of these pages' keys that are long enough to be
    telling and have no placeholder: none may show on a Spanish page."""
    with open(os.path.join(CATALOGUES, "en.json"), encoding="utf-8") as f:
        english = json.load(f)
    with open(os.path.join(CATALOGUES, "es.json"), encoding="utf-8") as f:
        spanish = json.load(f)
    found = {}
    for key, text in english.items():
        if key.startswith(PREFIXES) and len(text) > 12 and "{" not in text and spanish.get(key) != text:
            found[key] = text
    return found


class SpanishPages:
    """What the two classes check on each page."""

    ENGLISH = english_sentences()

    def lang(self):
        return self.browser.driver.find_element("css selector", "html").get_attribute("lang")

    def spanish_client(self):
        """An HTTP client with the browser's session and the Spanish preference cookie."""
        client = self.app.client()
        client.cookies["casevault_session"] = self.browser.driver.get_cookie("casevault_session")["value"]
        client.cookies["casevault_lang"] = "es"
        return client

    def assertSpanishAnswer(self, r, status, *phrases):
        """An answer over HTTP: its status, lang=es, `phrases`, and no English sentence."""
        self.assertStatus(r, status, "the answer")
        self.assertIn('<html lang="es">', r.text)
        text = html.unescape(r.text)
        for phrase in phrases:
            self.assertIn(phrase, text)
        for key, english in self.ENGLISH.items():
            self.assertNotIn(english, text, f"{key} left in English")

    def assertSpanishPage(self, heading, *phrases):
        """The page shown is in Spanish: its lang, its heading, `phrases`, and no English sentence."""
        b = self.browser
        self.assertEqual(self.lang(), "es", f"{b.path()}: <html lang>")
        self.assertEqual(b.heading(), heading)
        text = b.page_text()
        for phrase in phrases:
            self.assertIn(phrase, text, f"{b.path()}: a Spanish phrase")
        source = html.unescape(b.driver.page_source)
        for key, english in self.ENGLISH.items():
            self.assertNotIn(english, text, f"{b.path()}: {key} left in English")
            self.assertNotIn(english, source, f"{b.path()}: {key} left in English (in an attribute)")
        return text


class SpanishApplicantSharingTests(SpanishPages, BrowserPageTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vault = cls.make_vault()
        cls.vault.cli(["code", "add", "uscis"], stdin=b"ZK4M-7QWP-99TR\n", what="code add")
        cls.vault.cli(["id", "add", "a-number"], stdin=b"A012345678\n", what="id add")
        add_document(cls.vault, cls.workspace, os.urandom(2000), "green card", name="green card.jpg")
        cls.rep = Representative(cls.workspace)
        cls.open_unlocked(cls.vault, browser_options={"lang": "es"})

    def test_1_the_hub_and_an_empty_list(self):
        self.go("/share")
        self.assertSpanishPage("Compartir y hacer copias de seguridad", "Enviar a su representante",
                               "Sus representantes (0)", "Personas de confianza")
        self.click("a[href='/representatives']", "/representatives")
        self.assertSpanishPage("Representantes", "Todavía no hay representantes.")
        self.go("/export")
        self.assertSpanishPage("Enviar a un representante", "Primero agregue a su representante")

    def test_2_add_a_representative(self):
        b = self.browser
        self.go("/representatives/new")
        self.assertSpanishPage("Agregar un representante", "Pegue el destinatario", "O elija el archivo")
        # Refused first: no recipient (the form again, in Spanish).
        b.find("#name").send_keys(JANE)
        self.click("form[action='/representatives'] button[type=submit]", "/representatives")
        self.assertSpanishPage("Agregar un representante", "Pegue el destinatario de su representante (empieza con age1)",
                               "No se guardó nada.")
        b.find("#recipient").send_keys(self.rep.recipient)
        self.click("form[action='/representatives'] button[type=submit]", "/representatives/show")
        self.assertEqual(b.find("#fingerprint").text, self.rep.fingerprint)
        self.assertSpanishPage(JANE, "Representante agregado.",
                               f"Llame a {JANE} y lea esta huella digital en voz alta.", f"Enviar a {JANE}")
        self.go("/representatives")
        text = self.assertSpanishPage("Representantes", "Huella digital", "poscuántico")
        self.assertIn(JANE, text)

    def test_3_choose_and_review_a_share(self):
        b = self.browser
        self.go("/export")
        self.assertSpanishPage("Enviar a un representante", "Quién lo recibe",
                               "Las cuentas en línea de USCIS son personales:", "Todos sus números de caso (1 número de caso)",
                               "(su cuenta de USCIS)", "1 código")
        # Nothing ticked: refused on the form, in Spanish.
        b.find("#as").send_keys("Maria Garcia")
        self.click("form[action='/export/review'] button[type=submit]", "/export/review")
        self.assertSpanishPage("Enviar a un representante", "Elija qué enviar: al menos una entrada de códigos de respaldo")
        b.find("#ids").click()
        b.find("input[name=doc]").click()
        b.find("input[name=code][value='uscis']").click()
        self.click("form[action='/export/review'] button[type=submit]", "/export/review")
        self.assertEqual(b.find("#to-fingerprint").text, self.rep.fingerprint)
        self.assertSpanishPage("Revise el archivo", f"Para {JANE}", "Sus números de caso", "Códigos de respaldo de uscis",
                               "Este es el código de su cuenta de USCIS.", "1 documento", "Como Maria Garcia",
                               "con una clave de firma creada para usted con este primer archivo",
                               "Número de Registro de Extranjero")

    def test_4_remove_the_representative(self):
        b = self.browser
        self.go("/representatives/remove?name=Jane%20Doe%2C%20Esq.")
        self.assertSpanishPage(f"¿Quitar a {JANE}?", f"Sí, quitar a {JANE}", "No, mantenerlo")
        self.click("form[action='/representatives/remove'] button[type=submit]", "/representatives")
        self.assertSpanishPage("Representantes", f"Se quitó a {JANE}.")
        self.assertEqual(b.find("html").get_attribute("lang"), "es")

    def test_5_refusals_over_http(self):
        client = self.spanish_client()
        secret = b"# created: 2026-12-01\nAGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ\n"
        r = post_multipart(client, "/representatives", fields={"name": "Bob"}, files={"file": ("key.txt", secret)})
        self.assertSpanishAnswer(r, 400, "Esto es una clave secreta (empieza con AGE-SECRET-KEY), no un destinatario")
        self.assertNotIn("AGE-SECRET-KEY-1Q", r.text)
        two = f"{self.rep.recipient}\n{self.rep.file_recipient}\n".encode()
        r = post_multipart(client, "/representatives", fields={"name": "Bob"}, files={"file": ("two.txt", two)})
        self.assertSpanishAnswer(r, 400, "Esto contiene 2 destinatarios distintos.")
        r = post_multipart(client, "/representatives", fields={"name": "Bob"}, files={"file": ("big.txt", b"x" * 40_000)})
        self.assertSpanishAnswer(r, 400, "Lo enviado ocupa más de 16 KiB.")
        r = client.post("/export/download", {})
        self.assertSpanishAnswer(r, 400, "Elija para quién es el archivo y qué contiene, y luego revíselo.")


class SpanishAttorneyTests(SpanishPages, BrowserPageTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vault, cls.recipient, cls.fingerprint = make_attorney(cls)
        cls.files = cls.workspace.sub("files")
        cls.maria = Applicant(cls, cls.recipient, name="Maria Lopez", documents={"notice.txt": b"I-797 notice\n"})
        cls.paths = {"maria": os.path.join(cls.files, "maria.age")}
        cls.maria.export(cls.paths["maria"])
        # Another vault under Maria's name: another key (a re-pin), and a look-alike name.
        cls.impostor = Applicant(cls, cls.recipient, name="Maria Lopez", codes=False, documents={"plan.txt": b"plan\n"})
        cls.paths["impostor"] = os.path.join(cls.files, "impostor.age")
        cls.impostor.export(cls.paths["impostor"])
        cls.paths["lookalike"] = os.path.join(cls.files, "lookalike.age")
        cls.impostor.export(cls.paths["lookalike"], as_name="Maria\u00a0Lopez")
        cls.open_unlocked(cls.vault, browser_options={"lang": "es"}, idle_lock="10m")

    def wait_for_heading(self, heading, seconds=60):
        deadline = time.monotonic() + seconds
        while self.browser.heading() != heading:
            if time.monotonic() > deadline:
                self.fail(f"the page {heading!r} did not show")
            time.sleep(0.1)

    def import_files(self, *paths):
        b = self.browser
        self.go("/clients/import")
        self.assertSpanishPage("Importar archivos sellados", "Archivos sellados", "Puede elegir varios a la vez")
        b.find("#shares").send_keys("\n".join(paths))
        b.find("form[action='/clients/import'] button[type=submit]").click()
        self.wait_for_heading("Resultado de la importación")

    def link(self, css):
        """The path a link of the page leads to."""
        return self.browser.find(css).get_attribute("href").split(str(self.app.port), 1)[1]

    def share_link(self):
        return self.link("a[href^='/shares/']")

    def test_1_identity_and_an_empty_inbox(self):
        self.go("/identity")
        self.assertEqual(self.browser.find("#recipient-fingerprint").text, self.fingerprint)
        self.assertSpanishPage("Su identidad", "Su destinatario (sus clientes le envían archivos sellados para él)",
                               "Huella digital, para leer en voz alta:", "Esta bóveda todavía no tiene clave de firma.")
        self.click("form[action='/identity/signing-key'] button[type=submit]", "/identity")
        self.assertSpanishPage("Su identidad", "Su clave de firma está lista.",
                               "Su clave de firma (los archivos que usted envía se firman con ella)")
        self.go("/clients")
        self.assertSpanishPage("Clientes", "Todavía no hay archivos sellados.", "Buscar por nombre del cliente")

    def test_2_import_a_client_and_open_the_share(self):
        b = self.browser
        self.import_files(self.paths["maria"])
        self.assertSpanishPage("Resultado de la importación", "1 archivo guardado.", "Guardado para Maria Lopez",
                               "códigos de respaldo y números de caso, 1 documento",
                               "El primer archivo de Maria Lopez: su clave queda fijada.")
        share = self.share_link()
        type(self).maria_share = share
        self.go("/clients")
        self.assertSpanishPage("Clientes", "1 cliente, primero el último que envió algo.", "1 archivo")
        self.go(self.link("table a[href^='/clients/']"))
        self.assertSpanishPage("Maria Lopez", "Archivos sellados, primero los más recientes", "Fijada")
        self.go(share)
        self.assertSpanishPage("Archivo sellado de Maria Lopez", "Verificado.", "Firmado por la clave fijada para Maria Lopez",
                               "Siguen ocultos hasta que pida verlos.", "notice.txt")
        self.click(f"form[action='{share}/codes'] button[type=submit]", f"{share}/codes")
        text = self.assertSpanishPage("Archivo sellado de Maria Lopez", "Códigos de respaldo y números de caso")
        self.assertIn(self.maria.code, b.find("#codes-text").text)
        self.assertNotIn(self.maria.code, text.replace(b.find("#codes-text").text, ""))

    def test_3_another_key_and_its_re_pin_page(self):
        self.import_files(self.paths["impostor"])
        self.assertSpanishPage("Resultado de la importación", "0 archivos guardados, 1 rechazado.", "RECHAZADO, no se guardó.",
                               "Dice que es de Maria Lopez, pero lo firmó una clave distinta")
        repin = self.browser.find("a[href^='/clients/repin/']").get_attribute("href").split(str(self.app.port), 1)[1]
        self.click("a[href^='/clients/repin/']", repin)
        self.assertSpanishPage("¿Una clave nueva para Maria Lopez?", "La clave que usted tiene para Maria Lopez",
                               "Llame a Maria Lopez a un número que ya tenía", "No aceptarla")
        self.click(f"form[action='{repin}'] button[type=submit]", repin)
        self.assertSpanishPage("¿Una clave nueva para Maria Lopez?", "Marque la casilla cuando haya llamado a Maria Lopez")

    def test_4_a_look_alike_is_held_back_and_its_pin_page(self):
        self.import_files(self.paths["lookalike"])
        self.assertSpanishPage("Resultado de la importación", "Retenido, de Maria\\u{A0}Lopez.",
                               "Retenido: el nombre se parece al de su cliente Maria Lopez")
        share = self.share_link()
        self.go(share)
        self.assertSpanishPage("RECHAZADO: archivo sellado de Maria\\u{A0}Lopez", "Este archivo sellado está rechazado.",
                               "Queda retenido hasta que llame a su cliente")
        self.click(f"a[href='{share}/pin']", f"{share}/pin")
        self.assertSpanishPage("¿Fijar un cliente nuevo?", "Su cliente Maria Lopez", "Fijar la clave como un cliente nuevo")
        self.click(f"form[action='{share}/pin'] button[type=submit]", f"{share}/pin")
        self.assertSpanishPage("¿Fijar un cliente nuevo?", "Marque la casilla cuando haya llamado a su cliente")
        self.browser.find("#called").click()
        self.click(f"form[action='{share}/pin'] button[type=submit]", share)
        # Pinned, the name is no longer written out (a no-break space in it).
        heading = self.browser.heading()
        self.assertEqual(heading.replace("\u00a0", " "), "Archivo sellado de Maria Lopez")
        self.assertSpanishPage(heading, "La clave queda fijada para este remitente", "Verificado.")

    def test_6_refusals_over_http(self):
        client = self.spanish_client()
        r = post_files(client, "/clients/import", [])
        self.assertSpanishAnswer(r, 400, "Elija uno o varios archivos sellados")
        r = post_files(client, "/clients/import", [("empty.age", b""), ("junk.age", b"not a share at all")])
        self.assertSpanishAnswer(r, 200, "0 archivos guardados, 2 rechazados.", "El archivo está vacío.",
                                 "No es un archivo sellado de CaseVault")
        r = client.get("/clients/repin/" + "0" * 32)
        self.assertSpanishAnswer(r, 400, "Esta página para fijar de nuevo la clave caducó")
        r = client.get("/clients?q=" + "a" * 101)
        self.assertSpanishAnswer(r, 400, "Busque con 100 caracteres como máximo")

    def test_5_remove_a_share(self):
        self.go("/clients?q=maria")
        self.assertSpanishPage("Clientes", "cuyo nombre contiene \u201cmaria\u201d.", "Mostrar todos los clientes")
        self.go("/clients?q=nadie")
        self.assertSpanishPage("Clientes", "Ningún cliente tiene un nombre que contenga \u201cnadie\u201d.")
        self.import_files(self.paths["maria"])
        self.assertSpanishPage("Resultado de la importación",
                               "Ya está en su bandeja de entrada: se importó antes. No se guardó nada nuevo.")
        share = self.maria_share
        self.go(share + "/remove")
        self.assertSpanishPage("¿Quitar este archivo sellado?", "El archivo sellado de Maria Lopez, preparado el",
                               "La clave que usted tiene para Maria Lopez se conserva")
        self.click(f"form[action='{share}/remove'] button[type=submit]", "/clients")
        self.assertSpanishPage("Clientes", f"Se quitó el archivo sellado {share.split('/')[2][:12]}, con su archivo.")
