#!/usr/bin/env python3
"""Writes the age test vectors in vectors/ from an implementation independent
of CaseVault's (Python's hashlib/hmac and the `cryptography` package).

Run from this directory: python3 generate_vectors.py
Each vector is a text header, a blank line, then the raw age file:

    expect: success | no match | header failure | hmac failure | payload failure
            | armor failure | unsupported version | work factor
    identity: AGE-SECRET-KEY-1...   (zero or more)
    passphrase: ...                 (optional)
    payload-blake2b: <BLAKE2b-256 hex of the plaintext>   (success only)
    comment: what the vector checks

All keys here are test keys, public by design.
"""
import base64, hashlib, hmac, os
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives import serialization

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "vectors")
CHUNK = 64 * 1024

# --- Bech32 (BIP 173) ------------------------------------------------------
CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

def polymod(values):
    gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
    chk = 1
    for v in values:
        b = chk >> 25
        chk = (chk & 0x1ffffff) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if ((b >> i) & 1) else 0
    return chk

def bech32(hrp, data, upper=False):
    acc, bits, out = 0, 0, []
    for b in data:
        acc = (acc << 8) | b; bits += 8
        while bits >= 5:
            bits -= 5; out.append((acc >> bits) & 31)
    if bits: out.append((acc << (5 - bits)) & 31)
    h = hrp.lower()
    exp = [ord(c) >> 5 for c in h] + [0] + [ord(c) & 31 for c in h]
    pm = polymod(exp + out + [0] * 6) ^ 1
    out += [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    s = h + "1" + "".join(CHARSET[v] for v in out)
    return s.upper() if upper else s

# --- primitives ------------------------------------------------------------
def hkdf(ikm, salt, info):
    prk = hmac.new(salt, ikm, hashlib.sha256).digest()
    return hmac.new(prk, info + b"\x01", hashlib.sha256).digest()

def b64(b):
    return base64.b64encode(b).rstrip(b"=")

def raw_pub(priv):
    return priv.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)

def identity(seed_byte):
    sk = bytes([seed_byte]) * 32
    priv = X25519PrivateKey.from_private_bytes(sk)
    return sk, raw_pub(priv), bech32("AGE-SECRET-KEY-", sk, upper=True)

def x25519_stanza(file_key, recipient_pub, eph_byte, body_override=None):
    eph = X25519PrivateKey.from_private_bytes(bytes([eph_byte]) * 32)
    share = raw_pub(eph)
    shared = eph.exchange(X25519PublicKey.from_public_bytes(recipient_pub))
    key = hkdf(shared, share + recipient_pub, b"age-encryption.org/v1/X25519")
    body = ChaCha20Poly1305(key).encrypt(b"\x00" * 12, file_key, None)
    return [b"X25519", b64(share)], body_override if body_override is not None else body

def scrypt_stanza(file_key, passphrase, log_n, salt=b"\x07" * 16, log_n_text=None):
    key = hashlib.scrypt(passphrase, salt=b"age-encryption.org/v1/scrypt" + salt, n=2 ** log_n, r=8, p=1,
                         dklen=32, maxmem=2 ** 30)
    body = ChaCha20Poly1305(key).encrypt(b"\x00" * 12, file_key, None)
    return [b"scrypt", b64(salt), (log_n_text or str(log_n)).encode()], body

def stanza_text(args, body, body_text=None):
    out = b"-> " + b" ".join(args) + b"\n"
    enc = b64(body) if body_text is None else body_text
    i = 0
    while len(enc) - i >= 64:
        out += enc[i:i + 64] + b"\n"; i += 64
    return out + enc[i:] + b"\n"

def header(file_key, stanzas, version=b"age-encryption.org/v1", mac_override=None, raw_stanzas=None):
    h = version + b"\n"
    h += raw_stanzas if raw_stanzas is not None else b"".join(stanza_text(*s) for s in stanzas)
    h += b"---"
    mac = hmac.new(hkdf(file_key, b"", b"header"), h, hashlib.sha256).digest()
    return h + b" " + (mac_override if mac_override is not None else b64(mac)) + b"\n"

def payload(file_key, plaintext, nonce=b"\x09" * 16, chunks=None):
    """chunks: list of (plaintext bytes, last flag) to override the split."""
    key = hkdf(file_key, nonce, b"payload")
    aead = ChaCha20Poly1305(key)
    if chunks is None:
        chunks = []
        parts = [plaintext[i:i + CHUNK] for i in range(0, len(plaintext), CHUNK)] or [b""]
        for i, p in enumerate(parts):
            chunks.append((p, i == len(parts) - 1))
    out = nonce
    for counter, (p, last) in enumerate(chunks):
        n = counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")
        out += aead.encrypt(n, p, None)
    return out

def armor(data, eol=b"\n", wrap=64):
    enc = base64.b64encode(data)
    lines = [enc[i:i + wrap] for i in range(0, len(enc), wrap)]
    return b"-----BEGIN AGE ENCRYPTED FILE-----" + eol + b"".join(l + eol for l in lines) + \
           b"-----END AGE ENCRYPTED FILE-----" + eol

# --- vectors ---------------------------------------------------------------
FILE_KEY = bytes(range(16))
SK, PUB, ID = identity(0x42)
SK2, PUB2, ID2 = identity(0x43)
PASS = b"correct horse battery staple"
TEXT = b"hello, age\n"

def write(name, expect, data, comment, identities=(ID,), passphrase=None, plaintext=None):
    lines = [f"expect: {expect}"]
    lines += [f"identity: {i}" for i in identities]
    if passphrase is not None:
        lines.append(f"passphrase: {passphrase.decode()}")
    if plaintext is not None:
        lines.append(f"payload-blake2b: {hashlib.blake2b(plaintext, digest_size=32).hexdigest()}")
    lines.append(f"comment: {comment}")
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(("\n".join(lines) + "\n\n").encode() + data)

def x_file(plaintext=TEXT, stanzas=None, **kw):
    st = stanzas if stanzas is not None else [x25519_stanza(FILE_KEY, PUB, 0x11)]
    return header(FILE_KEY, st, **kw) + payload(FILE_KEY, plaintext)

def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    X = x25519_stanza(FILE_KEY, PUB, 0x11)

    # Successes
    write("x25519", "success", x_file(), "one X25519 stanza", plaintext=TEXT)
    write("x25519_second_identity", "success", x_file(stanzas=[x25519_stanza(FILE_KEY, PUB2, 0x12)]),
          "the second identity matches", identities=(ID, ID2), plaintext=TEXT)
    write("x25519_multiple_stanzas", "success",
          x_file(stanzas=[x25519_stanza(FILE_KEY, PUB2, 0x12), X]), "our stanza is the second", plaintext=TEXT)
    write("stanza_unknown_type_skipped", "success",
          x_file(stanzas=[([b"example.com/enigma", b"arg", b"!#$%"], b"\x01" * 48), X]),
          "an unknown stanza type with a 64-column body and an empty final line is skipped", plaintext=TEXT)
    write("stanza_unknown_empty_body", "success",
          x_file(stanzas=[([b"empty"], b""), X]), "an unknown stanza with an empty body", plaintext=TEXT)
    write("stanza_long_body", "success",
          x_file(stanzas=[([b"long"], b"\x02" * 100), X]), "an unknown stanza with a two-line body", plaintext=TEXT)
    write("payload_empty", "success", x_file(plaintext=b""), "an empty payload is one empty final chunk",
          plaintext=b"")
    full = bytes((i * 7) & 0xff for i in range(CHUNK))
    write("payload_full_final_chunk", "success", x_file(plaintext=full), "a final chunk of exactly 64 KiB",
          plaintext=full)
    two = bytes((i * 13) & 0xff for i in range(CHUNK + 1))
    write("payload_two_chunks", "success", x_file(plaintext=two), "64 KiB + 1: a full chunk and a 1-byte final chunk",
          plaintext=two)
    write("scrypt", "success", header(FILE_KEY, [scrypt_stanza(FILE_KEY, PASS, 10)]) + payload(FILE_KEY, TEXT),
          "passphrase stanza, work factor 2^10", identities=(), passphrase=PASS, plaintext=TEXT)
    write("armor", "success", armor(x_file()), "ASCII armor", plaintext=TEXT)
    write("armor_crlf", "success", armor(x_file(), eol=b"\r\n"), "ASCII armor with CRLF line endings", plaintext=TEXT)
    write("armor_whitespace", "success", b"\n \t\r\n" + armor(x_file()) + b"\n\n  \t\n",
          "whitespace before and after the armor", plaintext=TEXT)
    n48 = next(n for n in range(48) if len(x_file(plaintext=b"z" * n)) % 48 == 0)
    write("armor_full_last_line", "success", armor(x_file(plaintext=b"z" * n48)),
          "armor whose last data line is a full 64 columns", plaintext=b"z" * n48)

    # No match
    write("no_match", "no match", x_file(stanzas=[x25519_stanza(FILE_KEY, PUB2, 0x12)]),
          "the only stanza is for another key")
    write("scrypt_wrong_passphrase", "no match",
          header(FILE_KEY, [scrypt_stanza(FILE_KEY, PASS, 10)]) + payload(FILE_KEY, TEXT),
          "wrong passphrase", identities=(), passphrase=b"wrong passphrase")
    write("scrypt_with_x25519_identity", "no match",
          header(FILE_KEY, [scrypt_stanza(FILE_KEY, PASS, 10)]) + payload(FILE_KEY, TEXT),
          "a passphrase file offered only an X25519 identity")

    # Header failures
    write("version_unknown", "unsupported version", x_file(version=b"age-encryption.org/v2"), "version v2")
    write("not_age", "header failure", b"hello world\n", "not an age file")
    write("no_stanzas", "header failure", x_file(stanzas=[]), "a header without stanzas")
    write("stanza_body_padded", "header failure",
          x_file(stanzas=[([b"X25519", X[0][1]], X[1], base64.b64encode(X[1]))]), "padded base64 in a stanza body")
    noncanon = bytearray(b64(X[1]))
    # Make the last character carry non-zero unused bits (43 chars => 2 unused bits).
    alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    idx = alphabet.index(b64(X[1])[-1:])
    noncanon[-1] = alphabet[(idx & ~3) | 1]
    write("stanza_body_noncanonical", "header failure",
          x_file(stanzas=[([b"X25519", X[0][1]], X[1], bytes(noncanon))]), "non-canonical base64 (unused bits set)")
    share = bytearray(X[0][1]); i2 = alphabet.index(share[-1:]); share[-1] = alphabet[(i2 & ~3) | 2]
    write("stanza_arg_noncanonical", "header failure",
          x_file(stanzas=[([b"X25519", bytes(share)], X[1])]), "non-canonical base64 in the X25519 share")
    write("stanza_64_columns_no_final_line", "header failure",
          x_file(raw_stanzas=b"-> long\n" + b64(b"\x01" * 48) + b"\n" + stanza_text(*X)),
          "a 64-column body line must be followed by a shorter line")
    write("stanza_line_too_long", "header failure",
          x_file(raw_stanzas=b"-> long\n" + b64(b"\x01" * 51) + b"\n" + stanza_text(*X)), "a body line over 64 columns")
    write("stanza_empty_argument", "header failure",
          x_file(raw_stanzas=b"-> X25519  " + X[0][1] + b"\n" + b64(X[1]) + b"\n"), "two spaces: an empty argument")
    write("stanza_no_arguments", "header failure", x_file(raw_stanzas=b"->\n\n" + stanza_text(*X)), "'->' alone")
    write("x25519_three_args", "header failure", x_file(stanzas=[([b"X25519", X[0][1], b"extra"], X[1])]),
          "an X25519 stanza with an extra argument")
    write("x25519_short_body", "header failure", x_file(stanzas=[(X[0], X[1][:31])]), "an X25519 body of 31 bytes")
    write("x25519_low_order", "header failure", x_file(stanzas=[([b"X25519", b64(b"\x00" * 32)], X[1])]),
          "an all-zero share gives an all-zero shared secret")
    write("header_crlf", "header failure", x_file().replace(b"\n", b"\r\n", 2), "CRLF line endings in the header")
    write("header_truncated", "header failure", x_file()[:40], "the file ends inside the header")
    write("mac_noncanonical", "header failure",
          x_file(mac_override=b64(b"\x00" * 32)[:-1] + b"B"), "a MAC line whose base64 is not canonical")
    write("mac_short", "header failure", x_file(mac_override=b64(b"\x00" * 31)), "a MAC of 31 bytes")
    scr = header(FILE_KEY, [scrypt_stanza(FILE_KEY, PASS, 10), X]) + payload(FILE_KEY, TEXT)
    write("scrypt_and_x25519", "header failure", scr, "an scrypt stanza beside another stanza",
          identities=(ID,), passphrase=PASS)
    write("scrypt_twice", "header failure",
          header(FILE_KEY, [scrypt_stanza(FILE_KEY, PASS, 10), scrypt_stanza(FILE_KEY, PASS, 10, salt=b"\x08" * 16)])
          + payload(FILE_KEY, TEXT), "two scrypt stanzas", identities=(), passphrase=PASS)
    big = scrypt_stanza(FILE_KEY, PASS, 10)
    write("scrypt_work_factor_23", "work factor",
          header(FILE_KEY, [([big[0][0], big[0][1], b"23"], big[1])]) + payload(FILE_KEY, TEXT),
          "work factor 2^23 is refused before scrypt runs", identities=(), passphrase=PASS)
    write("scrypt_work_factor_huge", "work factor",
          header(FILE_KEY, [([big[0][0], big[0][1], b"99999999999999999999"], big[1])]) + payload(FILE_KEY, TEXT),
          "an absurd work factor is refused without overflow", identities=(), passphrase=PASS)
    write("scrypt_work_factor_leading_zero", "header failure",
          header(FILE_KEY, [scrypt_stanza(FILE_KEY, PASS, 10, log_n_text="010")]) + payload(FILE_KEY, TEXT),
          "a work factor with a leading zero", identities=(), passphrase=PASS)
    write("scrypt_salt_short", "header failure",
          header(FILE_KEY, [([b"scrypt", b64(b"\x07" * 15), b"10"], big[1])]) + payload(FILE_KEY, TEXT),
          "a 15-byte scrypt salt", identities=(), passphrase=PASS)

    # HMAC failures
    write("hmac_bad", "hmac failure", x_file(mac_override=b64(b"\x01" * 32)), "a wrong header MAC")
    write("hmac_stanza_changed", "hmac failure",
          x_file(stanzas=[([b"other", b"a"], b""), X]).replace(b"-> other a", b"-> other b"),
          "a stanza changed after the MAC was computed")

    # Payload failures
    write("payload_no_nonce", "payload failure", header(FILE_KEY, [X]), "the file ends after the header")
    write("payload_short_nonce", "payload failure", header(FILE_KEY, [X]) + b"\x09" * 10, "a 10-byte nonce")
    write("payload_no_chunk", "payload failure", header(FILE_KEY, [X]) + b"\x09" * 16, "a nonce and no chunk")
    write("payload_truncated_at_boundary", "payload failure",
          header(FILE_KEY, [X]) + payload(FILE_KEY, two)[:16 + CHUNK + 16], "cut after the first full chunk")
    write("payload_truncated_mid_chunk", "payload failure", x_file(plaintext=two)[:-1], "the last byte is missing")
    write("payload_trailing_data", "payload failure", x_file(plaintext=full) + b"\x00",
          "a byte after a full final chunk")
    write("payload_trailing_chunk", "payload failure",
          header(FILE_KEY, [X]) + payload(FILE_KEY, None, chunks=[(TEXT, True), (TEXT, True)]),
          "a second chunk after a final chunk")
    write("payload_empty_final_chunk", "payload failure",
          header(FILE_KEY, [X]) + payload(FILE_KEY, None, chunks=[(full, False), (b"", True)]),
          "an empty final chunk after a full chunk")
    write("payload_short_non_final", "payload failure",
          header(FILE_KEY, [X]) + payload(FILE_KEY, None, chunks=[(TEXT, False), (TEXT, True)]),
          "a short chunk not marked final")
    write("payload_no_final_flag", "payload failure",
          header(FILE_KEY, [X]) + payload(FILE_KEY, None, chunks=[(TEXT, False)]), "the only chunk lacks the final flag")
    flipped = bytearray(x_file()); flipped[-5] ^= 1
    write("payload_flipped_bit", "payload failure", bytes(flipped), "one bit flipped in the tag")

    # Armor failures
    good = x_file()
    enc = armor(good)
    write("armor_wrong_label", "armor failure", enc.replace(b"AGE ENCRYPTED FILE-----\n", b"AGE ENCRYPTED DATA-----\n", 1),
          "another PEM label")
    write("armor_no_end", "armor failure", enc[:enc.index(b"-----END")], "no END line")
    write("armor_garbage_after", "armor failure", enc + b"trailing", "data after the END line")
    write("armor_short_line_inside", "armor failure", armor(good, wrap=60), "lines of 60 columns")
    write("armor_long_line", "armor failure", armor(good, wrap=68), "lines of 68 columns")
    # A file whose length is 1 mod 3 ends its armor with "xx==": 4 unused bits.
    n1 = next(n for n in range(3) if len(x_file(plaintext=b"y" * n)) % 3 == 1)
    padded = armor(x_file(plaintext=b"y" * n1))
    write("armor_unpadded", "armor failure", padded.replace(b"==\n", b"\n"), "the last line lacks its padding")
    nc = bytearray(padded)
    pos = padded.index(b"==\n") - 1
    nc[pos] = alphabet[alphabet.index(bytes([nc[pos]])) | 1]
    write("armor_noncanonical", "armor failure", bytes(nc), "non-canonical padding bits in the last line")
    write("armor_empty", "armor failure", b"-----BEGIN AGE ENCRYPTED FILE-----\n-----END AGE ENCRYPTED FILE-----\n",
          "armor with no data")
    write("armor_padding_midway", "armor failure",
          b"-----BEGIN AGE ENCRYPTED FILE-----\n" + base64.b64encode(good[:10]) + b"\n" +
          base64.b64encode(good[10:]) + b"\n-----END AGE ENCRYPTED FILE-----\n", "padding before the last line")

if __name__ == "__main__":
    main()
