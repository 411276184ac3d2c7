"""The applicant's other pages in Spanish: Documents, Settings, Backup,
Trusted people (in a real browser whose language is Spanish, headless Chromium
with --lang=es), the restore from a backup file and the forgotten-passphrase
pages (over HTTP with the casevault_lang cookie the language switch sets).

Each page is checked for `<html lang="es">`, a few Spanish phrases, and that
no English sentence of its family's catalogue keys is left on it: a word left
in English in a template or in the Swift that fills it fails here.
"""

import datetime
import html
import json
import os
import re
import time

from firstrun import backup_with_passphrase, new_vault_at, vault_with_recovery_key
from forms import post_multipart
from harness import AppTestCase, new_secret
from pages import BrowserPageTestCase

CATALOGUES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Sources", "CaseVaultText", "Catalogues")
PREFIXES = ("app.documents.", "app.settings.", "app.backup.", "app.restore.", "app.recover.", "app.recovery.", "app.damage.")


def english_sentences():
    """The English texts of these pages' keys that would give a page away:
    longer than 12 characters, without a placeholder, and not the same in Spanish."""
    with open(os.path.join(CATALOGUES, "en.json"), encoding="utf-8") as f:
        en = json.load(f)
    with open(os.path.join(CATALOGUES, "es.json"), encoding="utf-8") as f:
        es = json.load(f)
    return sorted(v for k, v in en.items()
                  if k.startswith(PREFIXES) and len(v) > 12 and "{" not in v and es.get(k) != v)


ENGLISH = english_sentences()


def visible_text(page):
    """The text a page shows (tags removed, entities read, spaces collapsed)."""
    page = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", page)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page))).strip()


def html_lang(page):
    return page.split('<html lang="', 1)[1].split('"', 1)[0]


class SpanishPageChecks:
    """The three checks every page gets."""

    def assertSpanish(self, page_html, text, phrases, what):
        """A failure names the phrase or the English left, never the page (it may hold a secret)."""
        self.assertEqual(html_lang(page_html), "es", f"{what}: <html lang>")
        left = [s for s in ENGLISH if s in text]
        if left:
            self.fail(f"{what}: English left on the page: {left}")
        for phrase in phrases:
            if phrase not in text:
                self.fail(f"{what}: {phrase!r} not found in the page")


class SpanishPagesBrowserTests(BrowserPageTestCase, SpanishPageChecks):
    """Documents, Settings, Backup and Trusted people in a Spanish browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vault = cls.make_vault()
        cls.vault.add_codes("uscis", ["ABCD-9876-ZYXW"])
        cls.vault.cli(["id", "add", "a-number"], stdin=b"A087654321\n", what="id add")
        soon = (datetime.date.today() + datetime.timedelta(days=40)).isoformat()
        scan = os.path.join(cls.workspace.path, "tarjeta.txt")
        with open(scan, "wb") as f:
            f.write(b"front and back\n" * 200)
        cls.vault.cli(["doc", "add", scan, "--type", "green-card", "--label", "Tarjeta", "--expires", soon], what="doc add")
        os.remove(scan)
        cls.out = cls.workspace.sub("recovery")
        cls.vault.cli(["recovery", "setup", "--threshold", "2", "--person", "Ana Ruiz", "--person", "Luis Lopez",
                       "--person", "Jane Doe", "--ids", "--as", "Maria Lopez", "-o", cls.out], what="recovery setup")
        cls.open_unlocked(cls.vault, browser_options={"lang": "es"}, idle_lock="10m")

    def page(self, path, phrases, heading=None):
        """Opens `path` and checks it is all Spanish; returns its text."""
        self.go(path)
        return self.check_shown(path, phrases, heading)

    def check_shown(self, what, phrases, heading=None):
        b = self.browser
        text = b.page_text()
        self.assertSpanish(b.driver.page_source, text, phrases, what)
        if heading is not None:
            self.assertEqual(b.heading(), heading, f"{what}: the heading")
        return text

    def client(self):
        """An HTTP client on the browser's session, asking for Spanish by the switch's cookie."""
        client = self.app.client()
        client.cookies["casevault_session"] = self.browser.driver.get_cookie("casevault_session")["value"]
        client.cookies["casevault_lang"] = "es"
        return client

    def test_1_documents(self):
        b = self.browser
        self.page("/documents", ["Escaneos de sus papeles", "1 documento", "Tarjeta de residente permanente (green card)",
                                 "Vence en", "Las renovaciones tardan meses"], heading="Documentos")
        self.assertEqual([e.text for e in b.find_all("main thead th")], ["Nombre", "Tipo", "Vence", "Tamaño", "Agregado"])
        self.page("/documents/add", ["Qué es", "Nombre (opcional)", "Se le avisa 180 días antes"], heading="Agregar un documento")
        self.assertIn("Pasaporte (passport)", [e.text for e in b.find_all("#type option")])
        # The upload, in Spanish all the way: the new document's page.
        path = os.path.join(self.workspace.path, "pasaporte.txt")
        with open(path, "wb") as f:
            f.write(b"pasaporte\n" * 150)
        b.find("#type option[value=passport]").click()
        b.find("#label").send_keys("Mi pasaporte")
        b.find("#file").send_keys(path)
        b.find("form[action='/documents/add'] button[type=submit]").click()
        self.wait_for_document_page()
        text = self.check_shown("a new document's page", ["Pasaporte (passport)", "Nombre del archivo", "sin fecha de vencimiento",
                                                          "1500 bytes", "Descargar", "Todos los documentos"], heading="Mi pasaporte")
        self.assertTextNotIn("Vence en", text, "a document without an expiry date")
        doc = b.path()
        # Verify (a POST) and the removal's confirmation.
        self.click("form[action$='/verify'] button", doc + "/verify")
        self.check_shown("the verify result", ["Correcto.", "sin cambios", "Volver al documento"], heading="Verificar Mi pasaporte")
        # Editing its details: the expiry date added afterwards.
        self.go(doc)
        self.click("a[href$='/edit']", doc + "/edit")
        self.check_shown("the edit form", ["Editar Mi pasaporte", "Déjela vacía si no vence", "Guardar", "El escaneo en sí no cambia"],
                         heading="Editar Mi pasaporte")
        b.driver.execute_script("arguments[0].value = '2030-02-28'", b.find("#expires"))
        self.click("form[action$='/edit'] button[type=submit]", doc)
        self.check_shown("the page after an edit", ["Se guardó.", "2030-02-28"], heading="Mi pasaporte")
        self.page(doc + "/remove", ["No se puede deshacer", "Quitarlo", "Conservarlo"], heading="¿Quitar Mi pasaporte?")
        self.click("form[action$='/remove'] button", "/documents")
        self.check_shown("the list after a removal", ["1 documento"])
        # A refusal the route words: a date that is not one.
        client = self.client()
        r = post_multipart(client, "/documents/add", fields={"type": "other", "expires": "pronto"},
                           files={"file": ("a.txt", b"x")})
        self.assertStatus(r, 400, "an expiry date that is not a date")
        self.assertSpanish(r.text, visible_text(r.text), ["La fecha de vencimiento debe escribirse como año-mes-día"], "the refusal")

    def wait_for_document_page(self, timeout=30):
        b = self.browser
        deadline = time.monotonic() + timeout
        while not re.fullmatch(r"/documents/[0-9a-f]{32}", b.path()) \
                or b.driver.execute_script("return document.readyState") != "complete":
            if time.monotonic() > deadline:
                self.fail(f"the upload did not reach the document's page (at {b.path()})")
            time.sleep(0.1)

    def test_2_settings(self):
        b = self.browser
        self.page("/settings", ["Su bóveda", "Se guarda en esta carpeta", "después de 10 minutos sin uso",
                                "Abrir con el llavero del sistema", "Cambiar su frase de contraseña",
                                "Revisar si la bóveda tiene daños"], heading="Configuración")
        # A passphrase change refused: the two new ones differ (NewPassphrase's words).
        b.find("#current").send_keys(self.vault.passphrase)
        b.find("#new_passphrase").send_keys("una frase nueva y larga")
        b.find("#new_passphrase_again").send_keys("otra frase distinta larga")
        self.click("form[action='/settings/passphrase'] button", "/settings/passphrase")
        self.check_shown("a refused change", ["La frase de contraseña no cambió.", "Las dos frases de contraseña son distintas"])
        # The wrong current passphrase.
        b.find("#current").send_keys("no es la frase")
        b.find("#new_passphrase").send_keys("una frase nueva y larga")
        b.find("#new_passphrase_again").send_keys("una frase nueva y larga")
        self.click("form[action='/settings/passphrase'] button", "/settings/passphrase")
        self.check_shown("a wrong current passphrase", ["Esa no es su frase de contraseña actual"])
        # The integrity check.
        self.go("/settings")
        self.click("form[action='/settings/check'] button", "/settings/check")
        self.check_shown("the integrity check", ["Todo está bien.", "No hay nada dañado.", "Qué se revisó",
                                                 "1 número de caso", "1 documento", "Volver a Configuración"],
                         heading="Revisión de integridad")
        # Keyring unlock off: its notice after the redirect.
        self.go("/settings")
        if b.find_all("form[action='/settings/keyring/disable'] button"):
            self.click("form[action='/settings/keyring/disable'] button", "/settings")
        else:
            r = self.client().post("/settings/keyring/disable", {})
            self.assertRedirect(r, "/settings?done=keyring-was-off", "turning keyring unlock off")
            self.go("/settings?done=keyring-was-off")
        self.check_shown("the notice after a change", ["La apertura con el llavero"])

    def test_3_backup(self):
        b = self.browser
        self.page("/backup", ["Qué abrirá la copia de seguridad", "Al menos 10 caracteres", "Cómo restaurarla",
                              "Restaurar desde un archivo de copia de seguridad"],
                  heading="Hacer una copia de seguridad de su bóveda")
        b.find("#backup_passphrase").send_keys("una frase de copia larga")
        b.find("#backup_passphrase_again").send_keys("otra frase de copia larga")
        self.click("form[action='/backup'] button[type=submit]", "/backup")
        self.check_shown("a refused backup", ["Las dos frases de contraseña de la copia son distintas",
                                              "No se hizo ninguna copia de seguridad."])
        # A backup made (downloaded over HTTP), then its note on the next visit.
        client = self.client()
        secret = new_secret()
        r = client.post("/backup", {"method": "passphrase", "backup_passphrase": secret, "backup_passphrase_again": secret})
        self.assertStatus(r, 200, "the backup download")
        self.assertTrue(r.body.startswith(b"age-encryption.org/v1"), "the download is not an age file")
        self.page("/backup", ["Su última copia de seguridad se descargó completa",
                              "Contiene los registros de la bóveda, 1 documento."])

    def test_4_trusted_people(self):
        b = self.browser
        self.page("/recovery", ["Personas de confianza", "Cualesquiera 2 de estas 3 personas", "Hoja de papel",
                                "Ana Ruiz", "Comprobar partes"], heading="Personas de confianza")
        self.page("/recovery/drill", ["Partes, una por línea", "no se guarda nada"], heading="Comprobar partes")
        b.find("#shares").send_keys("academic acid acne acquire")
        self.click("form[action='/recovery/drill'] button[type=submit]", "/recovery/drill")
        self.check_shown("the drill's result", ["Resultado", "Parte 1: rechazada.", "Compare cada parte rechazada"])
        self.click("form[action='/recovery/drill'] button[type=submit]", "/recovery/drill")
        self.check_shown("no share typed", ["Escriba al menos una parte"])


class SpanishRestoreTests(AppTestCase, SpanishPageChecks):
    """The restore from a backup file, over HTTP in Spanish, where the app has no vault."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        source = cls.make_vault("source")
        source.add_codes("uscis", ["ABCD2345EFGH"])
        cls.backup_passphrase = new_secret()
        path = os.path.join(cls.workspace.path, "backup.age")
        backup_with_passphrase(source, path, cls.backup_passphrase)
        with open(path, "rb") as f:
            cls.backup = f.read()
        cls.source = source
        cls.target = new_vault_at(cls.workspace, "restored")
        cls.app = cls.make_app(cls.target)
        cls.client = cls.open_session(cls.app)
        cls.client.cookies["casevault_lang"] = "es"

    def check(self, r, status, phrases, what):
        self.assertStatus(r, status, what)
        self.assertSpanish(r.text, visible_text(r.text), phrases, what)

    def test_restore_in_spanish(self):
        c = self.client
        self.check(c.get("/setup/restore"), 200, ["Restaurar su bóveda desde una copia de seguridad",
                                                  "Archivo de copia de seguridad", "Enviar el archivo"], "the upload page")
        self.check(post_multipart(c, "/setup/restore", files={"backup": ("", b"")}), 400,
                   ["No se eligió ningún archivo"], "no file chosen")
        r = post_multipart(c, "/setup/restore", files={"backup": ("copia.age", self.backup)})
        self.assertRedirect(r, "/setup/restore/unlock", "the upload")
        self.check(c.get("/setup/restore/unlock"), 200, ["Abrir la copia de seguridad", "Se recibió copia.age",
                                                         "todavía cifrado", "Con la clave de recuperación",
                                                         "Restaurar mi bóveda", "Elegir otro archivo"], "the page that asks")
        self.check(c.post("/setup/restore/unlock", {"method": "passphrase", "backup_passphrase": "no es esta",
                                                     "vault_passphrase": self.source.passphrase}), 400,
                   ["Esa frase de contraseña no abre este archivo"], "a wrong backup passphrase")
        self.check(c.post("/setup/restore/unlock", {"method": "recovery-key"}), 400,
                   ["Escriba la clave de recuperación de su papel"], "no recovery key")
        r = c.post("/setup/restore/unlock", {"method": "passphrase", "backup_passphrase": self.backup_passphrase,
                                             "vault_passphrase": self.source.passphrase})
        self.assertRedirect(r, "/setup/restore/done", "the restore")
        self.check(c.get("/setup/restore/done"), 200,
                   ["Su bóveda está de vuelta",
                    "Restaurado y comprobado: 1 sitio con códigos de respaldo, 0 números de caso, 0 documentos.",
                    "Ir a mi bóveda"], "the result")


class SpanishRecoverTests(AppTestCase, SpanishPageChecks):
    """The forgotten-passphrase pages, over HTTP in Spanish, on a locked vault."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vault, cls.key = vault_with_recovery_key(cls.workspace)
        cls.app = cls.make_app(cls.vault)
        cls.client = cls.open_session(cls.app)
        cls.client.cookies["casevault_lang"] = "es"

    def check(self, r, status, phrases, what):
        self.assertStatus(r, status, what)
        self.assertSpanish(r.text, visible_text(r.text), phrases, what)
        for secret in (self.key, self.vault.passphrase):
            self.assertSecretAbsent(secret, r.body, what)

    def test_recover_in_spanish(self):
        c = self.client
        self.check(c.get("/unlock/recover"), 200, ["¿Olvidó su frase de contraseña?", "Nueve grupos de cuatro",
                                                   "Establecer la frase de contraseña nueva", "Volver a desbloquear"], "the form")
        new = new_secret()
        self.check(c.post("/unlock/recover", {"recovery_key": "ABCD", "passphrase": new, "passphrase_again": new}), 400,
                   ["Esa clave de recuperación no es válida"], "a malformed key")
        self.check(c.post("/unlock/recover", {"recovery_key": self.key, "passphrase": "corta", "passphrase_again": "corta"}), 400,
                   ["Esa frase de contraseña es demasiado corta: use al menos 10 caracteres"], "a short passphrase")
        r = c.post("/unlock/recover", {"recovery_key": self.key, "passphrase": new, "passphrase_again": new})
        self.assertStatus(r, 200, "the recovery")
        self.assertSpanish(r.text, visible_text(r.text), ["Nueva frase de contraseña establecida", "Su clave de recuperación nueva",
                                                          "Solo se muestra ahora", "Ir a mi bóveda"], "the new key's page")
        self.assertSecretAbsent(self.key, r.body, "the new key's page")
