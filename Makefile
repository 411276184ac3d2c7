# CaseVault. `make run` and `make test` set up a fresh Debian/Ubuntu machine
# with Swift installed (they apt-get what is missing) and need nothing else.
SWIFT ?= swift
PREFIX ?= /usr/local
DESTDIR ?=
ARGS ?= app
FUZZ_SECONDS ?= 60
CRASH_RUNS ?= 200
CRASH_SECONDS ?= 1800

.PHONY: run build release test test-app screenshots check-layers bench fuzz crash-test install kit-screenshot clean deb

build:
	scripts/setup.sh run
	$(SWIFT) build

## The release binary links the Swift runtime and Foundation statically: it runs
## without a Swift toolchain on the machine, and starts in ~3 ms instead of ~20 ms
## (the keyring unlock target in docs/keyring.md). It needs libsodium, libsecret
## and SQLite's shared libraries only.
RELEASE_FLAGS = -c release --static-swift-stdlib
release:
	scripts/setup.sh run
	$(SWIFT) build $(RELEASE_FLAGS) --product casevault

## Sets up, builds and runs casevault (pass ARGS="init" etc.).
run: release
	.build/release/casevault $(ARGS)

## Sets up and runs every test, inside a private D-Bus with an unlocked gnome-keyring.
## The layer check runs first: only SystemKit, SodiumKit and KeyringKit call C.
## Then XCTest, then the post-quantum age checks against an independent Python
## implementation (Tests/Python/test_age_pq.py: "pq vectors: N passed, M failed"),
## then the app's tests (Tests/App: HTTP and headless Chromium).
test: check-layers
	scripts/setup.sh test
	scripts/check-library-neutral.sh
	$(SWIFT) build --build-tests
	scripts/with-keyring.sh python3 scripts/crash-test.py 12 300
	scripts/with-keyring.sh scripts/run-tests.sh
	$$(scripts/python-env.sh) Tests/Python/test_age_pq.py .build/debug/casevault
	scripts/with-keyring.sh scripts/run-app-tests.sh
	scripts/test-deb.sh .build/debug/casevault

## Fails, naming file and line, when code outside Sources/SystemKit, SodiumKit
## and KeyringKit imports Glibc or calls POSIX directly.
check-layers:
	scripts/check-layers.sh

## Only the app's tests (TESTS="test_security" or a Module.Class.test to pick).
TESTS ?=
test-app:
	scripts/setup.sh test
	$(SWIFT) build
	scripts/with-keyring.sh scripts/run-app-tests.sh $(TESTS)

## Refreshes docs/screenshots/ from the browser tests (each picture checked first).
screenshots:
	scripts/setup.sh test
	$(SWIFT) build
	CASEVAULT_SCREENSHOTS=$(CURDIR)/docs/screenshots scripts/with-keyring.sh scripts/run-app-tests.sh test_browser_unlock test_browser_codes test_browser_ids test_browser_emergency test_browser_documents test_browser_setup test_browser_settings test_browser_share test_browser_attorney

## Benchmarks against references measured in the same run (release build).
bench:
	scripts/setup.sh test
	$(SWIFT) build $(RELEASE_FLAGS) --product casevault
	$(SWIFT) build $(RELEASE_FLAGS) --product InboxGenerator
	scripts/with-keyring.sh python3 bench/run.py

## SIGKILL at random points during vault operations; ends with "N runs, N consistent".
crash-test:
	scripts/setup.sh test
	$(SWIFT) build
	scripts/with-keyring.sh python3 scripts/crash-test.py $(CRASH_RUNS) $(CRASH_SECONDS)

## Bounded libFuzzer runs over the parsers of outside data.
fuzz:
	scripts/setup.sh test
	scripts/fuzz.sh $(FUZZ_SECONDS)

## Installs the binary, bash/zsh/fish completions and casevault(1) under $(DESTDIR)$(PREFIX).
## Builds the release binary first, unless BIN=path names one already built.
BIN ?=
install:
ifeq ($(BIN),)
	$(MAKE) release
	scripts/install.sh .build/release/casevault "$(DESTDIR)" "$(PREFIX)"
else
	scripts/install.sh "$(BIN)" "$(DESTDIR)" "$(PREFIX)"
endif

## Renders the emergency kit in headless Chromium (installed if missing) and checks the PNGs in .build/kit/.
kit-screenshot: build
	scripts/kit-screenshot.sh .build/debug/casevault .build/kit

## Builds out/casevault_VERSION_ARCH.deb (docs/install.md) from the release binary,
## stripped, and runs lintian on it (fails on any E: line). BIN=path packages a
## release binary already built.
deb:
	scripts/setup.sh deb
ifeq ($(BIN),)
	$(MAKE) release
endif
	deb=$$(scripts/build-deb.sh "$(or $(BIN),.build/release/casevault)" out) || exit 1; \
	echo "built $$deb"; lintian "$$deb" 2>&1 | tee out/lintian.txt; ! grep -q '^E:' out/lintian.txt

clean:
	rm -rf .build .build-fuzz
