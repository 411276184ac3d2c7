#!/usr/bin/env python3
"""`make bench`: runs every bench/bench_*.py module's main() in name order.

Each module measures CaseVault beside a reference (libsodium in memory, the
stock age tool, secret-tool) in the same run and prints the ratios.
"""
import glob, importlib.util, os, sys, traceback

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import common  # noqa: E402

if not os.path.exists(common.CASEVAULT):
    sys.exit("bench: build first: swift build -c release --product casevault")
failed = 0
only = sys.argv[1:]
for path in sorted(glob.glob(os.path.join(here, "bench_*.py"))):
    name = os.path.basename(path)[:-3]
    if only and name[6:] not in only:
        continue
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    try:
        mod.main()
    except Exception:
        failed += 1
        traceback.print_exc()
sys.exit(1 if failed else 0)
