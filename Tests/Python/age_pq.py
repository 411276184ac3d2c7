#!/usr/bin/env python3
"""An independent implementation of age's post-quantum recipient type
(`mlkem768x25519`, C2SP age spec) and of the age v1 file format around it,
to check CaseVault's Swift implementation against. Not part of the product.

Written from the specifications, not from CaseVault's code:
- X-Wing (draft-connolly-cfrg-xwing-kem): ML-KEM-768 from PyPI's kyber-py
  (FIPS 203, its deterministic internal functions), X25519 from
  `cryptography`, SHAKE-256 and SHA3-256 from hashlib.
- HPKE (RFC 9180) base mode, single shot, by hand: LabeledExtract and
  LabeledExpand over HMAC-SHA-256, ChaCha20-Poly1305 from `cryptography`.
- age v1 (C2SP age): Bech32 without a length limit, canonical unpadded
  base64, header and HMAC, the STREAM payload of 64 KiB chunks; the X25519
  recipient too, for files that mix both.

Every random choice can be fixed by a seed, so the vectors it writes are
reproducible (`Rng`). Used as a module by generate_pq_vectors.py and
test_age_pq.py, and as a command:

    age_pq.py keygen --seed HEX                  prints identity and recipient
    age_pq.py encrypt -r RECIPIENT... < in > out  (age1pq1... or age1...)
    age_pq.py decrypt -i IDENTITY_FILE < in > out
"""
import base64
import hashlib
import hmac
import os
import sys

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives import serialization
from cryptography.exceptions import InvalidTag
from kyber_py.ml_kem import ML_KEM_768


class AgeFailure(Exception):
    """A refusal, with a short machine-readable reason (`kind`)."""

    def __init__(self, kind, detail=""):
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind


class Rng:
    """Randomness: the OS's, or a deterministic stream from a seed
    (SHAKE-256 of the seed, consumed in order) for reproducible vectors."""

    def __init__(self, seed=None):
        self.seed = seed
        self.used = 0

    def bytes(self, n):
        if self.seed is None:
            return os.urandom(n)
        out = hashlib.shake_256(b"age_pq test rng\x00" + self.seed).digest(self.used + n)[self.used:]
        self.used += n
        return out


# --- Bech32 (BIP 173, no length limit) ---------------------------------------
CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _polymod(values):
    gen = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    chk = 1
    for v in values:
        top = chk >> 25
        chk = ((chk & 0x1FFFFFF) << 5) ^ v
        for i in range(5):
            if (top >> i) & 1:
                chk ^= gen[i]
    return chk


def _hrp_expand(hrp):
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _to5(data):
    acc, bits, out = 0, 0, []
    for b in data:
        acc = (acc << 8) | b
        bits += 8
        while bits >= 5:
            bits -= 5
            out.append((acc >> bits) & 31)
    if bits:
        out.append((acc << (5 - bits)) & 31)
    return out


def bech32_encode(hrp, data, upper=False):
    hrp = hrp.lower()
    words = _to5(data)
    pm = _polymod(_hrp_expand(hrp) + words + [0] * 6) ^ 1
    words += [(pm >> (5 * (5 - i))) & 31 for i in range(6)]
    s = hrp + "1" + "".join(CHARSET[w] for w in words)
    return s.upper() if upper else s


def bech32_decode(s):
    if s.lower() != s and s.upper() != s:
        raise AgeFailure("bech32", "mixed case")
    low = s.lower()
    sep = low.rfind("1")
    if sep < 1 or len(low) - sep - 1 < 6:
        raise AgeFailure("bech32", "no separator or checksum")
    hrp, rest = low[:sep], low[sep + 1:]
    try:
        words = [CHARSET.index(c) for c in rest]
    except ValueError:
        raise AgeFailure("bech32", "invalid character")
    if _polymod(_hrp_expand(hrp) + words) != 1:
        raise AgeFailure("bech32", "bad checksum")
    acc, bits, out = 0, 0, bytearray()
    for w in words[:-6]:
        acc = ((acc << 5) | w) & 0xFFF
        bits += 5
        if bits >= 8:
            bits -= 8
            out.append((acc >> bits) & 0xFF)
    if bits > 4 or (acc & ((1 << bits) - 1)):
        raise AgeFailure("bech32", "bad padding")
    return (s[:sep], bytes(out))


# --- base64 as age uses it ---------------------------------------------------
def b64encode(data):
    return base64.b64encode(data).decode().rstrip("=")


def b64decode(text):
    """Canonical unpadded base64 only; None otherwise."""
    if "=" in text or "\n" in text or "\r" in text or len(text) % 4 == 1:
        return None
    try:
        raw = base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except Exception:
        return None
    return raw if b64encode(raw) == text else None


# --- HKDF-SHA-256 (RFC 5869) -------------------------------------------------
def hkdf_extract(salt, ikm):
    return hmac.new(salt or b"\x00" * 32, ikm, hashlib.sha256).digest()


def hkdf_expand(prk, info, length):
    out, block, counter = b"", b"", 1
    while len(out) < length:
        block = hmac.new(prk, block + info + bytes([counter]), hashlib.sha256).digest()
        out += block
        counter += 1
    return out[:length]


def hkdf(ikm, salt, info, length=32):
    return hkdf_expand(hkdf_extract(salt, ikm), info, length)


# --- X25519 ------------------------------------------------------------------
def x25519(scalar, point):
    priv = X25519PrivateKey.from_private_bytes(scalar)
    return priv.exchange(X25519PublicKey.from_public_bytes(point))


def x25519_base(scalar):
    return X25519PrivateKey.from_private_bytes(scalar).public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)


# --- X-Wing (draft-connolly-cfrg-xwing-kem) ----------------------------------
XWING_LABEL = b"\\.//^\\"  # the six bytes 5c 2e 2f 2f 5e 5c
assert XWING_LABEL.hex() == "5c2e2f2f5e5c"
XWING_PK = 1216
XWING_CT = 1120


def xwing_expand(seed):
    """The 32-byte seed to (ML-KEM dk, ML-KEM ek, X25519 secret, X25519 public)."""
    assert len(seed) == 32
    expanded = hashlib.shake_256(seed).digest(96)
    ek_m, dk_m = ML_KEM_768.key_derive(expanded[0:64])  # KeyGen_internal(d, z)
    sk_x = expanded[64:96]
    return dk_m, ek_m, sk_x, x25519_base(sk_x)


def xwing_public_key(seed):
    _, ek_m, _, pk_x = xwing_expand(seed)
    return ek_m + pk_x


def xwing_combiner(ss_m, ss_x, ct_x, pk_x):
    return hashlib.sha3_256(ss_m + ss_x + ct_x + pk_x + XWING_LABEL).digest()


def xwing_encapsulate(pk, rng):
    """(shared secret, ciphertext) with 64 bytes of randomness from rng."""
    if len(pk) != XWING_PK:
        raise AgeFailure("invalid recipient", "X-Wing public key length")
    pk_m, pk_x = pk[:1184], pk[1184:]
    eseed = rng.bytes(64)
    ek_x = eseed[32:64]
    ct_x = x25519_base(ek_x)
    ss_x = x25519(ek_x, pk_x)
    ss_m, ct_m = ML_KEM_768._encaps_internal(pk_m, eseed[0:32])  # checks the modulus
    return xwing_combiner(ss_m, ss_x, ct_x, pk_x), ct_m + ct_x


def xwing_decapsulate(ct, seed):
    assert len(ct) == XWING_CT
    dk_m, _, sk_x, pk_x = xwing_expand(seed)
    ct_m, ct_x = ct[:1088], ct[1088:]
    ss_m = ML_KEM_768.decaps(dk_m, ct_m)
    ss_x = x25519(sk_x, ct_x)
    return xwing_combiner(ss_m, ss_x, ct_x, pk_x)


# --- HPKE (RFC 9180) base mode, single shot ----------------------------------
KEM_XWING = 0x647A
KDF_HKDF_SHA256 = 0x0001
AEAD_CHACHA20POLY1305 = 0x0003
SUITE_ID = b"HPKE" + KEM_XWING.to_bytes(2, "big") + KDF_HKDF_SHA256.to_bytes(2, "big") + AEAD_CHACHA20POLY1305.to_bytes(2, "big")


def labeled_extract(salt, label, ikm):
    return hkdf_extract(salt, b"HPKE-v1" + SUITE_ID + label + ikm)


def labeled_expand(prk, label, info, length):
    return hkdf_expand(prk, length.to_bytes(2, "big") + b"HPKE-v1" + SUITE_ID + label + info, length)


def key_schedule_base(shared_secret, info):
    """RFC 9180 section 5.1 with mode_base (psk and psk_id empty)."""
    psk_id_hash = labeled_extract(b"", b"psk_id_hash", b"")
    info_hash = labeled_extract(b"", b"info_hash", info)
    context = bytes([0x00]) + psk_id_hash + info_hash
    secret = labeled_extract(shared_secret, b"secret", b"")
    key = labeled_expand(secret, b"key", context, 32)
    base_nonce = labeled_expand(secret, b"base_nonce", context, 12)
    return key, base_nonce


def hpke_seal_base(pk, info, aad, plaintext, rng):
    shared, enc = xwing_encapsulate(pk, rng)
    key, nonce = key_schedule_base(shared, info)
    # The first message of a context: sequence number 0, nonce = base_nonce.
    return enc, ChaCha20Poly1305(key).encrypt(nonce, plaintext, aad)


def hpke_open_base(enc, seed, info, aad, ciphertext):
    shared = xwing_decapsulate(enc, seed)
    key, nonce = key_schedule_base(shared, info)
    try:
        return ChaCha20Poly1305(key).decrypt(nonce, ciphertext, aad)
    except InvalidTag:
        return None


# --- age recipients ----------------------------------------------------------
PQ_INFO = b"age-encryption.org/mlkem768x25519"
X25519_INFO = b"age-encryption.org/v1/X25519"


class Stanza:
    def __init__(self, type_, args, body):
        self.type, self.args, self.body = type_, list(args), bytes(body)


class PQRecipient:
    labels = {"postquantum"}

    def __init__(self, public_key):
        if len(public_key) != XWING_PK:
            raise AgeFailure("invalid recipient", "length")
        self.public_key = public_key

    @staticmethod
    def parse(text):
        hrp, data = bech32_decode(text)
        if hrp != "age1pq" or text != text.lower():
            raise AgeFailure("invalid recipient", "not age1pq1")
        return PQRecipient(data)

    def encode(self):
        return bech32_encode("age1pq", self.public_key)

    def wrap(self, file_key, rng):
        enc, ct = hpke_seal_base(self.public_key, PQ_INFO, b"", file_key, rng)
        return [Stanza("mlkem768x25519", [b64encode(enc)], ct)]


class PQIdentity:
    def __init__(self, seed):
        assert len(seed) == 32
        self.seed = seed

    @staticmethod
    def parse(text):
        hrp, data = bech32_decode(text)
        if hrp != "AGE-SECRET-KEY-PQ-" or len(data) != 32:
            raise AgeFailure("invalid identity")
        return PQIdentity(data)

    def encode(self):
        return bech32_encode("AGE-SECRET-KEY-PQ-", self.seed, upper=True)

    def recipient(self):
        return PQRecipient(xwing_public_key(self.seed))

    def unwrap(self, stanzas):
        for s in stanzas:
            if s.type != "mlkem768x25519":
                continue  # another type: ignored (spec)
            if len(s.args) != 1:
                raise AgeFailure("pq argument count", str(len(s.args)))
            enc = b64decode(s.args[0])
            if enc is None:
                raise AgeFailure("pq encapsulated key not base64")
            if len(enc) != XWING_CT:
                raise AgeFailure("pq encapsulated key length", str(len(enc)))
            if len(s.body) != 32:
                raise AgeFailure("pq body length", str(len(s.body)))
            file_key = hpke_open_base(enc, self.seed, PQ_INFO, b"", s.body)
            if file_key is not None:
                return file_key
        raise AgeFailure("no match")


class X25519Recipient:
    labels = set()

    def __init__(self, public_key):
        self.public_key = public_key

    @staticmethod
    def parse(text):
        hrp, data = bech32_decode(text)
        if hrp != "age" or len(data) != 32:
            raise AgeFailure("invalid recipient")
        return X25519Recipient(data)

    def encode(self):
        return bech32_encode("age", self.public_key)

    def wrap(self, file_key, rng):
        eph = rng.bytes(32)
        share = x25519_base(eph)
        key = hkdf(x25519(eph, self.public_key), share + self.public_key, X25519_INFO)
        body = ChaCha20Poly1305(key).encrypt(b"\x00" * 12, file_key, b"")
        return [Stanza("X25519", [b64encode(share)], body)]


class X25519Identity:
    def __init__(self, secret):
        self.secret = secret

    @staticmethod
    def parse(text):
        hrp, data = bech32_decode(text)
        if hrp != "AGE-SECRET-KEY-" or len(data) != 32:
            raise AgeFailure("invalid identity")
        return X25519Identity(data)

    def encode(self):
        return bech32_encode("AGE-SECRET-KEY-", self.secret, upper=True)

    def recipient(self):
        return X25519Recipient(x25519_base(self.secret))

    def unwrap(self, stanzas):
        mine = self.recipient().public_key
        for s in stanzas:
            if s.type != "X25519":
                continue
            share = b64decode(s.args[0]) if len(s.args) == 1 else None
            if share is None or len(share) != 32 or len(s.body) != 32:
                raise AgeFailure("header failure", "X25519 stanza")
            shared = x25519(self.secret, share)
            if shared == b"\x00" * 32:
                raise AgeFailure("header failure", "low-order share")
            key = hkdf(shared, share + mine, X25519_INFO)
            try:
                return ChaCha20Poly1305(key).decrypt(b"\x00" * 12, s.body, b"")
            except InvalidTag:
                continue
        raise AgeFailure("no match")


def parse_recipient(text):
    return PQRecipient.parse(text) if text.startswith("age1pq1") else X25519Recipient.parse(text)


def parse_identity(text):
    return PQIdentity.parse(text) if text.startswith("AGE-SECRET-KEY-PQ-1") else X25519Identity.parse(text)


def parse_identity_file(text):
    ids = [parse_identity(l.strip()) for l in text.splitlines() if l.strip() and not l.strip().startswith("#")]
    if not ids:
        raise AgeFailure("invalid identity", "none")
    return ids


# --- age v1 file -------------------------------------------------------------
CHUNK = 64 * 1024


def encode_header_without_mac(stanzas):
    out = b"age-encryption.org/v1\n"
    for s in stanzas:
        out += ("-> " + " ".join([s.type] + s.args) + "\n").encode()
        b = b64encode(s.body).encode()
        lines = [b[i:i + 64] for i in range(0, len(b), 64)]
        if not lines or len(lines[-1]) == 64:
            lines.append(b"")
        out += b"".join(l + b"\n" for l in lines)
    return out + b"---"


def header_mac(file_key, header):
    return hmac.new(hkdf(file_key, b"", b"header"), header, hashlib.sha256).digest()


def encrypt_payload(file_key, plaintext, nonce):
    key = hkdf(file_key, nonce, b"payload")
    aead = ChaCha20Poly1305(key)
    chunks = [plaintext[i:i + CHUNK] for i in range(0, len(plaintext), CHUNK)] or [b""]
    out = nonce
    for n, c in enumerate(chunks):
        last = n == len(chunks) - 1
        out += aead.encrypt(n.to_bytes(11, "big") + (b"\x01" if last else b"\x00"), c, b"")
    return out


def encrypt_with_stanzas(file_key, stanzas, plaintext, rng):
    header = encode_header_without_mac(stanzas)
    header += b" " + b64encode(header_mac(file_key, header)).encode() + b"\n"
    return header + encrypt_payload(file_key, plaintext, rng.bytes(16))


def encrypt(recipients, plaintext, rng=None, allow_mixed=False):
    rng = rng or Rng()
    if not recipients:
        raise AgeFailure("no recipients")
    if not allow_mixed and any(r.labels != recipients[0].labels for r in recipients):
        raise AgeFailure("mixed post-quantum")
    file_key = rng.bytes(16)
    stanzas = [s for r in recipients for s in r.wrap(file_key, rng)]
    return encrypt_with_stanzas(file_key, stanzas, plaintext, rng)


def parse_header(data):
    """(stanzas, mac input, mac, payload offset)."""
    pos = 0

    def line():
        nonlocal pos
        end = data.find(b"\n", pos)
        if end < 0:
            raise AgeFailure("header failure", "truncated")
        l = data[pos:end]
        pos = end + 1
        return l

    if line() != b"age-encryption.org/v1":
        raise AgeFailure("header failure", "version")
    stanzas = []
    while True:
        start = pos
        l = line()
        if l.startswith(b"---"):
            mac = b64decode(l[4:].decode("ascii", "replace")) if l[3:4] == b" " else None
            if mac is None or len(mac) != 32 or not stanzas:
                raise AgeFailure("header failure", "MAC line")
            return stanzas, data[:start + 3], mac, pos
        if not l.startswith(b"-> "):
            raise AgeFailure("header failure", "stanza line")
        args = l[3:].decode("ascii", "replace").split(" ")
        if any(not a or any(not 33 <= ord(c) <= 126 for c in a) for a in args):
            raise AgeFailure("header failure", "argument")
        body = b""
        while True:
            bl = line()
            if len(bl) > 64:
                raise AgeFailure("header failure", "body line")
            chunk = b64decode(bl.decode("ascii", "replace"))
            if chunk is None:
                raise AgeFailure("header failure", "body base64")
            body += chunk
            if len(bl) < 64:
                break
        stanzas.append(Stanza(args[0], args[1:], body))


def decrypt(identities, data):
    stanzas, mac_input, mac, pos = parse_header(data)
    file_key = None
    for ident in identities:
        try:
            file_key = ident.unwrap(stanzas)
            break
        except AgeFailure as e:
            if e.kind != "no match":
                raise
    if file_key is None:
        raise AgeFailure("no match")
    if not hmac.compare_digest(header_mac(file_key, mac_input), mac):
        raise AgeFailure("hmac failure")
    nonce = data[pos:pos + 16]
    if len(nonce) != 16:
        raise AgeFailure("payload failure", "no nonce")
    aead = ChaCha20Poly1305(hkdf(file_key, nonce, b"payload"))
    payload = data[pos + 16:]
    out, n, off = b"", 0, 0
    while True:
        c = payload[off:off + CHUNK + 16]
        off += len(c)
        last = off >= len(payload)
        if len(c) < 16:
            raise AgeFailure("payload failure", "truncated")
        try:
            out += aead.decrypt(n.to_bytes(11, "big") + (b"\x01" if last else b"\x00"), c, b"")
        except InvalidTag:
            raise AgeFailure("payload failure", f"chunk {n}")
        if last:
            if len(c) == 16 and n > 0:
                raise AgeFailure("payload failure", "empty final chunk")
            return out
        n += 1


def main(argv):
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    cmd, args = argv[0], argv[1:]
    if cmd == "keygen":
        seed = bytes.fromhex(args[args.index("--seed") + 1]) if "--seed" in args else os.urandom(32)
        ident = PQIdentity(seed)
        print(ident.encode())
        print(ident.recipient().encode())
        return 0
    if cmd == "encrypt":
        recips = [parse_recipient(args[i + 1]) for i, a in enumerate(args) if a == "-r"]
        sys.stdout.buffer.write(encrypt(recips, sys.stdin.buffer.read()))
        return 0
    if cmd == "decrypt":
        path = args[args.index("-i") + 1]
        with open(path) as f:
            ids = parse_identity_file(f.read())
        try:
            sys.stdout.buffer.write(decrypt(ids, sys.stdin.buffer.read()))
        except AgeFailure as e:
            print(f"age_pq: {e}", file=sys.stderr)
            return 1
        return 0
    print(f"unknown command {cmd}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
