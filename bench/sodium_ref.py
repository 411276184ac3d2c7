"""libsodium in memory, through ctypes: the ceilings the benches print beside
casevault's figures (what the cipher alone costs on this machine, no I/O)."""
import ctypes, ctypes.util, time


def _sodium():
    lib = ctypes.CDLL(ctypes.util.find_library("sodium"))
    if lib.sodium_init() < 0:
        raise RuntimeError("sodium_init failed")
    return lib


def secretstream(path, chunk, runs):
    """Encrypts then decrypts the file's bytes with libsodium secretstream in
    memory, in chunks of `chunk` bytes; returns the best (push seconds, pull
    seconds) of `runs`."""
    lib = _sodium()
    u64, p = ctypes.c_ulonglong, ctypes.c_void_p
    lib.crypto_secretstream_xchacha20poly1305_statebytes.restype = ctypes.c_size_t
    lib.crypto_secretstream_xchacha20poly1305_push.argtypes = [p, p, p, p, u64, p, u64, ctypes.c_ubyte]
    lib.crypto_secretstream_xchacha20poly1305_pull.argtypes = [p, p, p, p, p, u64, p, u64]
    lib.crypto_secretstream_xchacha20poly1305_init_push.argtypes = [p, p, p]
    lib.crypto_secretstream_xchacha20poly1305_init_pull.argtypes = [p, p, p]
    final = lib.crypto_secretstream_xchacha20poly1305_tag_final()
    with open(path, "rb") as f:
        data = bytearray(f.read())
    n = len(data)
    src = (ctypes.c_char * n).from_buffer(data)
    base = ctypes.addressof(src)
    sealed = ctypes.create_string_buffer(n + (n // chunk + 1) * 17)
    sbase = ctypes.addressof(sealed)
    plain = ctypes.create_string_buffer(chunk)
    state = ctypes.create_string_buffer(lib.crypto_secretstream_xchacha20poly1305_statebytes())
    key = ctypes.create_string_buffer(32)
    lib.crypto_secretstream_xchacha20poly1305_keygen(key)
    header = ctypes.create_string_buffer(24)
    best_push = best_pull = float("inf")
    for _ in range(runs):
        lib.crypto_secretstream_xchacha20poly1305_init_push(state, header, key)
        t0 = time.perf_counter()
        off = soff = 0
        while True:
            m = min(chunk, n - off)
            last = off + m >= n
            lib.crypto_secretstream_xchacha20poly1305_push(state, sbase + soff, None, base + off, m, None, 0, final if last else 0)
            off += m
            soff += m + 17
            if last:
                break
        best_push = min(best_push, time.perf_counter() - t0)
        lib.crypto_secretstream_xchacha20poly1305_init_pull(state, header, key)
        t0 = time.perf_counter()
        pos = 0
        while pos < soff:
            c = min(chunk + 17, soff - pos)
            if lib.crypto_secretstream_xchacha20poly1305_pull(state, plain, None, None, sbase + pos, c, None, 0) != 0:
                raise RuntimeError("secretstream pull failed")
            pos += c
        best_pull = min(best_pull, time.perf_counter() - t0)
    del src
    return best_push, best_pull


def chacha20poly1305_seal(size, chunk, runs):
    """Seals `size` bytes in memory as age's payload does (ChaCha20-Poly1305
    IETF, one nonce per `chunk`-byte chunk, libsodium, one thread); returns
    the best seconds of `runs`."""
    lib = _sodium()
    u64, p = ctypes.c_ulonglong, ctypes.c_void_p
    lib.crypto_aead_chacha20poly1305_ietf_encrypt_detached.argtypes = [p, p, p, p, u64, p, u64, p, p, p]
    src = ctypes.create_string_buffer(chunk)
    out = ctypes.create_string_buffer(chunk)
    mac = ctypes.create_string_buffer(16)
    nonce = ctypes.create_string_buffer(12)
    key = ctypes.create_string_buffer(32)
    lib.randombytes_buf(key, 32)
    chunks = (size + chunk - 1) // chunk
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        for _ in range(chunks):
            lib.crypto_aead_chacha20poly1305_ietf_encrypt_detached(out, mac, None, src, chunk, None, 0, None, nonce, key)
        best = min(best, time.perf_counter() - t0)
    return best
