#!/usr/bin/env python3
"""Writes the post-quantum age test vectors in vectors/ and recipients.txt
with the independent Python implementation (Tests/Python/age_pq.py).

Deterministic: every key, file key, nonce and encapsulation comes from fixed
seeds, so running it again writes the same bytes (test_age_pq.py checks).
Run with the pinned environment: `$(scripts/python-env.sh) generate_pq_vectors.py`.

Each vector is a text header, a blank line, then the raw age file (the
format of ../vectors, with more outcomes):

    expect: success | no match | hmac failure | payload failure | header failure
            | pq argument count | pq encapsulated key not base64
            | pq encapsulated key length | pq body length | pq encapsulated key refused
    identity: AGE-SECRET-KEY-PQ-1... or AGE-SECRET-KEY-1...   (one or more)
    payload-blake2b: <BLAKE2b-256 hex of the plaintext>     (success only)
    comment: what the vector checks

All keys here are test keys, public by design.
"""
import hashlib
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "Python"))
import age_pq as a  # noqa: E402

OUT = os.path.join(HERE, "vectors")


def seed(name):
    return hashlib.sha256(b"casevault pq vector " + name.encode()).digest()


ALICE = a.PQIdentity(seed("alice"))
BOB = a.PQIdentity(seed("bob"))
CAROL = a.X25519Identity(seed("carol"))  # classic
PLAIN = b"A post-quantum sealed share, as a test.\n"


def stanzas_for(recipients, file_key, rng):
    return [s for r in recipients for s in r.wrap(file_key, rng)]


def build(name, stanzas=None, recipients=(), plaintext=PLAIN, mutate=None, armor=False):
    """An age file from explicit stanzas (or recipients), MAC'd correctly
    over whatever header results, then optionally mutated."""
    rng = a.Rng(seed("rng " + name))
    file_key = rng.bytes(16)
    if stanzas is None:
        stanzas = stanzas_for(recipients, file_key, rng)
    elif callable(stanzas):
        stanzas = stanzas(file_key, rng)
    data = a.encrypt_with_stanzas(file_key, stanzas, plaintext, rng)
    if mutate:
        data = mutate(data)
    if armor:
        import base64
        b = base64.b64encode(data).decode()
        data = ("-----BEGIN AGE ENCRYPTED FILE-----\n" + "".join(b[i:i + 64] + "\n" for i in range(0, len(b), 64))
                + "-----END AGE ENCRYPTED FILE-----\n").encode()
    return data


def pq_stanza_then(change):
    """Alice's stanza, changed by `change(stanza)` before the header is written."""
    def make(file_key, rng):
        s = a.PQRecipient(ALICE.recipient().public_key).wrap(file_key, rng)[0]
        change(s)
        return [s]
    return make


def flip(offset_from, delta=0):
    def m(data):
        b = bytearray(data)
        i = offset_from(data) + delta
        b[i] ^= 0x01
        return bytes(b)
    return m


def body_offset(data):
    # The first body line after the PQ stanza's argument line.
    return data.index(b"\n", data.index(b"-> mlkem768x25519")) + 1


def payload_offset(data):
    return data.index(b"\n", data.index(b"\n---") + 1) + 1 + 16


def noncanonical(text):
    # 1120 bytes are 1494 characters with 4 unused low bits in the last one:
    # set one of them, the bytes decoded stay the same, the text is not canonical.
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    last = alphabet.index(text[-1])
    return text[:-1] + alphabet[last | 0x01 if last & 0x01 == 0 else last & ~0x01]


def set_arg(value):
    def change(s):
        s.args = [value]
    return change


def enc_of_length(n):
    def change(s):
        enc = a.b64decode(s.args[0])
        s.args = [a.b64encode((enc + b"\x00")[:n] if n > len(enc) else enc[:n])]
    return change


def body_of_length(n):
    def change(s):
        s.body = (s.body + b"\x00")[:n] if n > len(s.body) else s.body[:n]
    return change


def low_order_share(s):
    enc = a.b64decode(s.args[0])
    s.args = [a.b64encode(enc[:1088] + b"\x00" * 32)]


def mixed(file_key, rng):
    return stanzas_for([ALICE.recipient(), CAROL.recipient()], file_key, rng)


def other_type_first(file_key, rng):
    return [a.Stanza("example.com/enigma", ["x"], b"\x07" * 40)] + stanzas_for([ALICE.recipient()], file_key, rng)


def malformed_pq_beside_classic(file_key, rng):
    bad = a.Stanza("mlkem768x25519", ["AAAA"], b"\x00" * 31)
    return [bad] + stanzas_for([CAROL.recipient()], file_key, rng)


def uppercase_type(s):
    s.type = "MLKEM768X25519"


ZERO, ONE = b"\x00", b"\x01"
BIG = bytes((i * 131 + 7) % 251 for i in range(2 * 64 * 1024 + 100))

A, B, C = ALICE.encode(), BOB.encode(), CAROL.encode()

VECTORS = [
    # name, expect, identities, file, comment, plaintext
    ("pq_single", "success", [A], build("pq_single", recipients=[ALICE.recipient()]),
     "one mlkem768x25519 stanza", PLAIN),
    ("pq_empty_payload", "success", [A], build("pq_empty_payload", recipients=[ALICE.recipient()], plaintext=b""),
     "an empty plaintext", b""),
    ("pq_three_chunks", "success", [A], build("pq_three_chunks", recipients=[ALICE.recipient()], plaintext=BIG),
     "a payload of two full chunks and a short last one", BIG),
    ("pq_two_recipients", "success", [B], build("pq_two_recipients", recipients=[ALICE.recipient(), BOB.recipient()]),
     "two post-quantum stanzas; the second is ours", PLAIN),
    ("pq_armored", "success", [A], build("pq_armored", recipients=[ALICE.recipient()], armor=True),
     "ASCII armor around a 1,500-byte stanza", PLAIN),
    ("pq_other_type_first", "success", [A], build("pq_other_type_first", stanzas=other_type_first),
     "a stanza of an unknown type before ours is skipped, not fatal", PLAIN),
    ("pq_mixed_open_with_pq", "success", [A], build("pq_mixed", stanzas=mixed),
     "a file mixing post-quantum and X25519 stanzas (age refuses to write one; the spec lets a reader open it)", PLAIN),
    ("pq_mixed_open_with_classic", "success", [C], build("pq_mixed", stanzas=mixed),
     "the same mixed file opens with the X25519 identity: what the refusal when encrypting prevents", PLAIN),
    ("pq_stanza_skipped_by_classic", "success", [C], build("pq_stanza_skipped_by_classic", stanzas=malformed_pq_beside_classic),
     "an X25519 identity skips even a malformed mlkem768x25519 stanza", PLAIN),
    ("pq_wrong_key", "no match", [A], build("pq_wrong_key", recipients=[BOB.recipient()]),
     "encrypted to another post-quantum key", None),
    ("pq_classic_identity", "no match", [C], build("pq_classic_identity", recipients=[ALICE.recipient()]),
     "a post-quantum file and only an X25519 identity", None),
    ("pq_uppercase_type", "no match", [A], build("pq_uppercase_type", stanzas=pq_stanza_then(uppercase_type)),
     "stanza types are case-sensitive: MLKEM768X25519 is not ours", None),
    ("pq_tampered_body", "no match", [A], build("pq_tampered_body", recipients=[ALICE.recipient()], mutate=flip(body_offset, 3)),
     "one bit of the stanza body changed: HPKE's tag fails", None),
    ("pq_tampered_enc", "no match", [A], build("pq_tampered_enc", stanzas=pq_stanza_then(
        lambda s: s.args.__setitem__(0, a.b64encode(bytes([a.b64decode(s.args[0])[0] ^ 1]) + a.b64decode(s.args[0])[1:])))),
     "one bit of the ML-KEM ciphertext changed: implicit rejection, then the tag fails", None),
    ("pq_low_order_share", "pq encapsulated key refused", [A], build("pq_low_order_share", stanzas=pq_stanza_then(low_order_share)),
     "the X25519 half of the encapsulated key is the all-zero point", None),
    ("pq_hmac_bad", "hmac failure", [A], build("pq_hmac_bad", recipients=[ALICE.recipient()],
                                               mutate=lambda d: d.replace(d[d.index(b"\n---") + 5:d.index(b"\n---") + 48], b"A" * 43)),
     "a wrong header MAC", None),
    ("pq_tampered_payload", "payload failure", [A], build("pq_tampered_payload", recipients=[ALICE.recipient()], mutate=flip(payload_offset, 5)),
     "one bit of the payload changed", None),
    ("pq_args_none", "pq argument count", [A], build("pq_args_none", stanzas=pq_stanza_then(lambda s: s.args.clear())),
     "no argument after the type", None),
    ("pq_args_two", "pq argument count", [A], build("pq_args_two", stanzas=pq_stanza_then(lambda s: s.args.append("extra"))),
     "two arguments after the type", None),
    ("pq_enc_noncanonical", "pq encapsulated key not base64", [A],
     build("pq_enc_noncanonical", stanzas=pq_stanza_then(lambda s: s.args.__setitem__(0, noncanonical(s.args[0])))),
     "the encapsulated key's unused low bits are not zero", None),
    ("pq_enc_padded", "pq encapsulated key not base64", [A],
     build("pq_enc_padded", stanzas=pq_stanza_then(lambda s: s.args.__setitem__(0, s.args[0] + "=="))),
     "the encapsulated key with = padding", None),
    ("pq_enc_bad_character", "pq encapsulated key not base64", [A],
     build("pq_enc_bad_character", stanzas=pq_stanza_then(lambda s: s.args.__setitem__(0, "-" + s.args[0][1:]))),
     "a character outside the base64 alphabet", None),
    ("pq_enc_1119", "pq encapsulated key length", [A], build("pq_enc_1119", stanzas=pq_stanza_then(enc_of_length(1119))),
     "an encapsulated key one byte short", None),
    ("pq_enc_1121", "pq encapsulated key length", [A], build("pq_enc_1121", stanzas=pq_stanza_then(enc_of_length(1121))),
     "an encapsulated key one byte long", None),
    ("pq_enc_32", "pq encapsulated key length", [A], build("pq_enc_32", stanzas=pq_stanza_then(enc_of_length(32))),
     "an X25519-sized share in a post-quantum stanza", None),
    ("pq_body_31", "pq body length", [A], build("pq_body_31", stanzas=pq_stanza_then(body_of_length(31))),
     "a body one byte short, refused before any decryption", None),
    ("pq_body_33", "pq body length", [A], build("pq_body_33", stanzas=pq_stanza_then(body_of_length(33))),
     "a body one byte long, refused before any decryption", None),
    ("pq_body_empty", "pq body length", [A], build("pq_body_empty", stanzas=pq_stanza_then(body_of_length(0))),
     "an empty body", None),
]


def python_verdict(identities, data):
    """What the Python implementation makes of a vector: 'success' or the reason."""
    ids = [a.parse_identity(t) for t in identities]
    if data.startswith(b"-----BEGIN"):
        import base64
        lines = data.decode().strip().splitlines()
        data = base64.b64decode("".join(lines[1:-1]))
    try:
        return "success", a.decrypt(ids, data)
    except a.AgeFailure as e:
        return e.kind, None
    except ValueError:
        # cryptography refuses an all-zero X25519 result; age's Go code
        # fails there too, and stops (the stanza is malformed, not "not ours").
        return "pq encapsulated key refused", None


def recipients_file():
    """Lines `valid <text>` / `invalid <reason> <text>` for the parsers."""
    r = ALICE.recipient().encode()
    lines = [f"valid {r}", f"valid {CAROL.recipient().encode()}"]
    flipped = r[:100] + ("q" if r[100] != "q" else "p") + r[101:]
    lines.append(f"invalid checksum {flipped}")
    lines.append(f"invalid uppercase {r.upper()}")
    lines.append(f"invalid short {a.bech32_encode('age1pq', ALICE.recipient().public_key[:1215])}")
    lines.append(f"invalid long {a.bech32_encode('age1pq', ALICE.recipient().public_key + ZERO)}")
    lines.append(f"invalid hrp {a.bech32_encode('age1xx', ALICE.recipient().public_key)}")
    lines.append(f"invalid classic-size {a.bech32_encode('age1pq', ONE * 32)}")
    # An ML-KEM coefficient of 0xfff (above the modulus 3329): the modulus check.
    bad = bytearray(ALICE.recipient().public_key)
    bad[0], bad[1] = 0xFF, 0x0F
    lines.append(f"invalid modulus {a.bech32_encode('age1pq', bytes(bad))}")
    return "\n".join(lines) + "\n"


def identities_file():
    lines = [f"valid {A}", f"valid {C}"]
    lines.append(f"invalid lowercase {A.lower()}")
    lines.append(f"invalid short {a.bech32_encode('AGE-SECRET-KEY-PQ-', ALICE.seed[:31], upper=True)}")
    lines.append(f"invalid long {a.bech32_encode('AGE-SECRET-KEY-PQ-', ALICE.seed + ZERO, upper=True)}")
    flipped = A[:30] + ("Q" if A[30] != "Q" else "P") + A[31:]
    lines.append(f"invalid checksum {flipped}")
    return "\n".join(lines) + "\n"


FUZZ_CORPUS = os.path.join(HERE, "..", "..", "..", "..", "Fuzz", "corpus", "age")


def fuzz_seeds():
    """Seeds for FuzzAge, to its fixed post-quantum identity (seed 32 x 0x42):
    a good file and the malformed stanzas, so mutations start inside the
    mlkem768x25519 checks and the HPKE open."""
    fuzz = a.PQIdentity(b"\x42" * 32)
    def to_fuzz(change):
        def make(file_key, rng):
            s = fuzz.recipient().wrap(file_key, rng)[0]
            change(s)
            return [s]
        return make
    seeds = {"pq_good": lambda s: None, "pq_args_two": lambda s: s.args.append("extra"),
             "pq_enc_1119": enc_of_length(1119), "pq_body_31": body_of_length(31)}
    for name, change in seeds.items():
        with open(os.path.join(FUZZ_CORPUS, name), "wb") as f:
            f.write(build("fuzz " + name, stanzas=to_fuzz(change)))


def main():
    if os.path.isdir(FUZZ_CORPUS):
        fuzz_seeds()
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    for name, expect, identities, data, comment, plaintext in VECTORS:
        got, opened = python_verdict(identities, data)
        assert got == expect, f"{name}: the Python implementation says {got}, the vector says {expect}"
        if expect == "success":
            assert opened == plaintext, name
        head = f"expect: {expect}\n" + "".join(f"identity: {i}\n" for i in identities)
        if expect == "success":
            head += f"payload-blake2b: {hashlib.blake2b(plaintext, digest_size=32).hexdigest()}\n"
        head += f"comment: {comment}\n\n"
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(head.encode() + data)
    with open(os.path.join(HERE, "recipients.txt"), "w") as f:
        f.write(recipients_file())
    with open(os.path.join(HERE, "identities.txt"), "w") as f:
        f.write(identities_file())
    print(f"wrote {len(VECTORS)} vectors")


if __name__ == "__main__":
    main()
