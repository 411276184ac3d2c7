"""Case numbers over HTTP: add with the CLI's checks and normal forms, the
masked list, Show (a POST), Remove after a confirmation, and the refusals.

Values stored through the app are read back with `id show --json`.
"""

import re

from forms import identifier, identifiers
from pages import PageTestCase


class IdentifiersHTTPTests(PageTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.open_unlocked_session(cls.make_vault())

    def add(self, kind, value, label=None, note=None):
        fields = {"kind": kind, "value": value}
        if label:
            fields["label"] = label
        if note:
            fields["note"] = note
        return self.client.post("/ids", fields)

    def record_id(self, label):
        return next(i["id"] for i in identifiers(self.vault) if i["label"] == label)

    def test_every_kind_is_checked_and_normalised_as_the_cli_does(self):
        cases = [
            ("a-number", " a 87-654-321 ", "an-a-number", "A087654321"),
            ("receipt", "ioe 098-765-4321", "a-receipt", "IOE0987654321"),
            ("account-number", "0123 4567 8901", "an-account", "012345678901"),
            ("card-number", "SRC-012-345-6789", "a-card", "SRC0123456789"),
            ("other", "X1234567", "visa foil", "X1234567"),
        ]
        for kind, typed, label, normal in cases:
            r = self.add(kind, typed, label=label, note="I-485" if kind == "receipt" else None)
            self.assertRedirect(r, "/ids?added=" + label.replace(" ", "%20"), f"adding a {kind}")
            stored = identifier(self.vault, label)
            self.assertEqual(stored["kind"], kind)
            self.assertTrue(stored["value"] == normal, f"the {kind} was not normalised as the CLI does")
        self.assertEqual(identifier(self.vault, "a-receipt").get("note"), "I-485")
        listing = self.client.get("/ids?added=a-receipt")
        self.assertTextIn("Stored the number as a-receipt.", listing, "the notice")
        for _, _, label, normal in cases:
            self.assertSecretAbsent(normal, listing.body, f"the list ({label})")
            self.assertTextIn(normal[-4:] + "</span>", listing, f"the masked value of {label}")
        self.assertTextIn("••••••4321</span>", listing, "the A-Number masked but for its last four characters")

    def test_a_label_is_made_when_none_is_given(self):
        for value in ("EAC1234567890", "EAC1234567891"):
            self.assertStatus(self.add("receipt", value), 303, "adding a receipt without a name")
        labels = [i["label"] for i in identifiers(self.vault) if i["kind"] == "receipt"]
        self.assertIn("receipt", labels)
        self.assertIn("receipt-2", labels)

    def test_a_refused_value_comes_back_with_the_format_expected(self):
        before = len(identifiers(self.vault))
        r = self.add("receipt", "XYZ0987654321", label="bad receipt", note="for the I-765")
        self.assertStatus(r, 400, "a receipt number with an unknown prefix")
        for text in ("XYZ is not a USCIS service-centre prefix", "3 letters of a USCIS service centre",
                     'value="XYZ0987654321"', 'value="bad receipt"', ">for the I-765</textarea>",
                     '<option value="receipt" selected>'):
            self.assertTextIn(text, r, "the refused form")
        r = self.add("a-number", "A12")
        self.assertStatus(r, 400, "a short A-Number")
        self.assertTextIn("an A-Number has 7 to 9 digits", r, "the refusal")
        r = self.add("spaceship", "1")
        self.assertStatus(r, 400, "an unknown kind")
        self.assertTextIn("Choose what kind of number it is.", r, "the refusal")
        self.assertEqual(len(identifiers(self.vault)), before, "a refused value was stored")

    def test_a_taken_label_is_refused(self):
        self.assertStatus(self.add("other", "first", label="taken-id"), 303, "the first")
        r = self.add("other", "second", label="Taken-ID")
        self.assertStatus(r, 409, "a label that exists")
        self.assertTextIn("already exists", r, "the refusal")
        self.assertEqual(identifier(self.vault, "taken-id")["value"], "first")

    def test_show_reveals_one_value_as_the_answer_to_a_post(self):
        self.vault.cli(["id", "add", "a-number", "--label", "shown-a"], stdin=b"A012345678\n", what="id add")
        self.vault.cli(["id", "add", "other", "--label", "hidden-other"], stdin=b"HIDDEN-9876\n", what="id add")
        listing = self.client.get("/ids")
        self.assertSecretAbsent("A012345678", listing.body, "the list")
        self.assertStatus(self.client.get("/ids/show"), (404, 405), "Show as a GET")
        r = self.client.post("/ids/show", {"id": self.record_id("shown-a")})
        self.assertStatus(r, 200, "Show")
        self.assertSecretPresent("A-012-345-678", r.body, "the formatted A-Number")
        self.assertSecretPresent('<code id="plain-' + self.record_id("shown-a") + '">A012345678</code>', r.body,
                                 "the A-Number as typed in forms")
        self.assertSecretAbsent("HIDDEN-9876", r.body, "another row while one is shown")
        self.assertStatus(self.client.post("/ids/show", {"id": "0" * 32}), 404, "Show of an unknown id")
        self.assertStatus(self.client.post("/ids/show", {"id": self.record_id("shown-a")}, site="cross-site"), 403,
                          "Show posted from another site")

    def test_remove_asks_first_then_removes(self):
        self.vault.cli(["id", "add", "card-number", "--label", "old card"], stdin=b"SRC9999999999\n", what="id add")
        rid = self.record_id("old card")
        ask = self.client.post("/ids/remove", {"id": rid})
        self.assertStatus(ask, 200, "the first Remove")
        self.assertTextIn("Remove old card?", ask, "the question")
        self.assertSecretAbsent("SRC9999999999", ask.body, "the question")
        self.assertTrue(any(i["id"] == rid for i in identifiers(self.vault)), "the first POST removed it")
        done = self.client.post("/ids/remove", {"id": rid, "confirm": "yes"})
        self.assertRedirect(done, "/ids?removed=old%20card", "the confirmed Remove")
        self.assertFalse(any(i["id"] == rid for i in identifiers(self.vault)), "still there after Remove")
        self.assertTextIn("Removed old card.", self.client.get(done.location), "the notice")
        self.assertStatus(self.client.post("/ids/remove", {"id": rid, "confirm": "yes"}), 404, "removing it twice")

    def test_the_add_form_lists_every_kind_with_its_format(self):
        page = self.client.get("/ids/new")
        self.assertStatus(page, 200, "the add form")
        kinds = re.findall(r'<option value="([a-z-]+)"', page.text)
        self.assertEqual(kinds, ["a-number", "receipt", "account-number", "card-number", "other"])
        for label in ('for="kind"', 'for="value"', 'for="label"', 'for="note"', "12 digits, e.g. 0123 4567 8901"):
            self.assertTextIn(label, page, "the add form")
