"""`casevault emergency` on a filled vault, beside `casevault status` on the
same vault in the same run.

The emergency screen decrypts every code entry and identifier and reads the
document index; `status` decrypts codes and identifiers too. Target: showing
the emergency screen costs at most 1.5x `status` (time and peak memory), so
the screen is as quick as anything the vault does. Both unlock with the
passphrase file (interactive KDF), the same fixed cost for both.
"""
import os, shutil
import common

ENTRIES, IDS, DOCS = 20, 10, 5


def fill(vault, pf):
    base = [common.CASEVAULT, "--vault", vault, "--passphrase-file", pf, "--no-keyring"]
    for i in range(ENTRIES):
        codes = "".join("%04d-%04d\n" % (i, j) for j in range(10))
        common.run([common.CASEVAULT, "code", "add", "site%02d" % i] + base[1:] + (["--primary"] if i == 0 else []),
                   input_bytes=codes.encode())
    common.run([common.CASEVAULT, "code", "add", "uscis"] + base[1:], input_bytes=b"ABCD-9876-ZYXW\n")
    for i in range(IDS):
        common.run([common.CASEVAULT, "id", "add", "receipt"] + base[1:], input_bytes=b"IOE%010d\n" % (1000 + i))
    scan = os.path.join(os.path.dirname(vault), "scan.jpg")
    common.make_file(scan, 256 * 1024)
    for i in range(DOCS):
        common.run([common.CASEVAULT, "doc", "add", scan, "--type", "passport", "--label", "doc%d" % i,
                    "--expires", "2030-01-%02d" % (i + 1)] + base[1:])
    return base[1:]


def main():
    common.header("emergency screen (filled vault: %d code entries, %d identifiers, %d documents)" % (ENTRIES + 1, IDS, DOCS))
    d = common.scratch()
    try:
        vault = os.path.join(d, "vault")
        pf = common.new_vault(vault)
        opts = fill(vault, pf)
        em = common.best_of(5, lambda: common.run([common.CASEVAULT, "emergency"] + opts))
        st = common.best_of(5, lambda: common.run([common.CASEVAULT, "status"] + opts))
        common.line("emergency wall time", em[0], "s")
        common.line("status wall time (reference)", st[0], "s")
        common.line("emergency peak RSS", em[1], "MiB")
        common.line("status peak RSS (reference)", st[1], "MiB")
        common.ratio("emergency / status, time", em[0], st[0], target=1.5)
        common.ratio("emergency / status, peak RSS", em[1], st[1], target=1.5)
    finally:
        shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
