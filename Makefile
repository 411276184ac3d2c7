# CaseVault. `make run` and `make test` set up a fresh Debian/Ubuntu machine
# with Swift installed (they apt-get what is missing) and need nothing else.
SWIFT ?= swift
PREFIX ?= /usr/local
DESTDIR ?=
ARGS ?= --help
FUZZ_SECONDS ?= 60
CRASH_RUNS ?= 200
CRASH_SECONDS ?= 1800

.PHONY: run build release test bench fuzz crash-test install clean

build:
	scripts/setup.sh run
	$(SWIFT) build

release:
	scripts/setup.sh run
	$(SWIFT) build -c release --product casevault

## Sets up, builds and runs casevault (pass ARGS="init" etc.).
run: release
	.build/release/casevault $(ARGS)

## Sets up and runs every test, inside a private D-Bus with an unlocked gnome-keyring.
test:
	scripts/setup.sh test
	$(SWIFT) build --build-tests
	python3 scripts/crash-test.py 12 300
	scripts/with-keyring.sh scripts/run-tests.sh

## Benchmarks against references measured in the same run (release build).
bench:
	scripts/setup.sh test
	$(SWIFT) build -c release --product casevault
	scripts/with-keyring.sh python3 bench/run.py

## SIGKILL at random points during vault operations; ends with "N runs, N consistent".
crash-test:
	scripts/setup.sh test
	$(SWIFT) build
	python3 scripts/crash-test.py $(CRASH_RUNS) $(CRASH_SECONDS)

## Bounded libFuzzer runs over the parsers of outside data.
fuzz:
	scripts/setup.sh test
	scripts/fuzz.sh $(FUZZ_SECONDS)

clean:
	rm -rf .build .build-fuzz
