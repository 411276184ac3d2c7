"""The SLIP-0039 reference implementation (shamir-mnemonic, pinned in
requirements.txt) driven by one JSON request on standard input, for
Tests/CLITests/ShamirCLITests: it makes shares, combines them, lists its word
list, and re-checksums hand-changed shares (for the invalid-share cases).
Prints one JSON document: {"ok": ...} or {"error": "..."}."""
import json
import sys

from shamir_mnemonic import MnemonicError, combine_mnemonics, generate_mnemonics, rs1024, wordlist
from shamir_mnemonic.share import Share

req = json.load(sys.stdin)
op = req["op"]
try:
    if op == "split":
        groups = generate_mnemonics(
            req["group_threshold"],
            [tuple(g) for g in req["groups"]],
            bytes.fromhex(req["secret"]),
            req.get("passphrase", "").encode("ascii"),
            extendable=req.get("extendable", True),
            iteration_exponent=req.get("e", 0),
        )
        result = groups
    elif op == "combine":
        result = combine_mnemonics(req["mnemonics"], req.get("passphrase", "").encode("ascii")).hex()
    elif op == "wordlist":
        result = list(wordlist.WORDLIST)
    elif op == "rechecksum":
        # Change one word index (XOR `flip` into word `position`, 0-based),
        # then give the share a valid checksum again.
        words = req["mnemonic"].split()
        idx = [wordlist.WORD_INDEX_MAP[w] for w in words][:-3]
        idx[req["position"]] ^= req["flip"]
        ext = bool((idx[1] >> 4) & 1)
        cs = rs1024.create_checksum(idx, b"shamir_extendable" if ext else b"shamir")
        result = " ".join(wordlist.WORDLIST[i] for i in idx + list(cs))
    elif op == "parse":
        s = Share.from_mnemonic(req["mnemonic"])
        result = {"identifier": s.identifier, "group_index": s.group_index, "index": s.index,
                  "extendable": s.extendable, "iteration_exponent": s.iteration_exponent}
    else:
        raise SystemExit("unknown op " + op)
    print(json.dumps({"ok": result}))
except (MnemonicError, ValueError) as e:
    print(json.dumps({"error": str(e)}))
