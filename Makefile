# The project's verbs. On a fresh Debian machine:
#   make run    sets everything up and opens the app on its own database
#   make test   sets everything up and runs every test (what CI runs)

.PHONY: test test-core cli cli-synthetic bench crash-test

# Everything CI runs, installing what it needs first.
# With JIXIAO_CI_FREE_DISK=1 (what .ci/run sets) each step's build products are
# removed once no later step needs them: CI machines have less disk than the
# four trees together (CI once failed with "No space left on device").
test: setup-app
	$(MAKE) test-core
	$(MAKE) ui-test
	$(FREE_DISK) target/debug
	$(MAKE) e2e
	$(FREE_DISK) target/release
	$(MAKE) test-windows

FREE_DISK = $(if $(JIXIAO_CI_FREE_DISK),rm -rf,@: keeping)

# The core's tests. They also write the UI's TypeScript types from the Rust
# structs (ts-rs, into ui/src/generated/); committed types that differ fail here.
test-core:
	cargo test -p jixiao
	# the shell's own checks: the command list against the capability file and the UI's calls
	# (names and arguments); it also writes the shell's TypeScript types into ui/src/generated/
	cargo test -p jixiao-app
	@if git rev-parse --git-dir >/dev/null 2>&1 && [ -n "$$(git status --porcelain -- ui/src/generated)" ]; then \
		echo "ui/src/generated is out of date: commit the regenerated types"; git status --short -- ui/src/generated; exit 1; fi

# The command-line program: target/release/jixiao
cli:
	cargo build --release --bin jixiao
	@ls -la target/release/jixiao

# The same program with the synthetic-bureau generator (`jixiao demo --synthetic N`,
# cargo feature `synthetic`), in the same place: what e2e's 08-scale and
# `make bench` run. `make cli` builds it back without.
cli-synthetic:
	cargo build --release --bin jixiao --features synthetic
	@ls -la target/release/jixiao

bench:
	scripts/bench.sh

# Crash test (issue 12): the CLI (one process per write) and the app's save path
# (AppState::with_store → service::save_actual, one long-lived connection) are
# killed at random moments CRASH_KILLS times each; then `integrity_check` must say
# ok and every acknowledged save must be in the database. `make test` runs the
# same two tests with a few kills (40 and 8).
CRASH_KILLS ?= 300
crash-test:
	JIXIAO_CRASH_KILLS=$(CRASH_KILLS) cargo test -p jixiao --test cli a_killed_process_loses_nothing_already_saved -- --nocapture
	JIXIAO_CRASH_KILLS=$(CRASH_KILLS) cargo test -p jixiao-app crash_checks -- --nocapture

# ---- desktop app (src-tauri/, ui/, e2e/) -------------------------------------
# The Tauri CLI comes from ui/node_modules; it finds the app crate through
# TAURI_APP_PATH (src-tauri/tauri.conf.json is a symlink to ./tauri.conf.json).
TAURI = cd ui && TAURI_APP_PATH=../src-tauri TAURI_FRONTEND_PATH=. npx --no-install tauri
APP_BIN = target/release/jixiao-app

.PHONY: setup-app app run e2e package package-test ui-test

setup-app:
	scripts/setup-app.sh

# Everything the app binary is built from. When none of it changed since the last
# build, `make app` (and so `make run` and `make e2e`) uses the binary as it is.
APP_SOURCES := $(sort $(shell find ui/src ui/public src migrations fixtures \
		src-tauri/src src-tauri/capabilities src-tauri/icons -type f 2>/dev/null) \
	ui/index.html ui/package.json ui/package-lock.json ui/tsconfig.json ui/vite.config.ts \
	Cargo.toml Cargo.lock src-tauri/Cargo.toml src-tauri/build.rs src-tauri/jixiao.desktop \
	tauri.conf.json)
# The sources' checksum at the last build: files whose times changed but whose
# content did not (`cargo test` rewrites ui/src/generated/, a checkout touches
# files) do not cost a rebuild either.
APP_STAMP = target/release/jixiao-app.sources
APP_SUM = sha256sum $(APP_SOURCES) | sha256sum

app: $(APP_BIN)

# The release binary with the UI embedded (vite build runs as beforeBuildCommand).
# It gets the time the build started, so that a source edited during the build is
# newer and makes the next `make app` look again.
$(APP_BIN): $(APP_SOURCES) | setup-app
	@start=$$(date +%s); sum=$$($(APP_SUM)); \
	if [ -x $@ ] && [ -f $(APP_STAMP) ] && [ "$$sum" = "$$(cat $(APP_STAMP))" ]; then \
		echo "app: sources unchanged since $@ was built"; \
	else \
		rm -f $(APP_STAMP) && ($(TAURI) build --no-bundle) && echo "$$sum" > $(APP_STAMP); \
	fi && touch -d "@$$((start - 1))" $@
	@ls -la $@

# Everything from a fresh machine to an open window, on the CLI's database
# ($$JIXIAO_DB, else jixiao.sqlite3 in the OS data directory); a database this
# start creates gets the sample bureau.
run: app
	$(APP_BIN) --sample-on-first-start

# WebDriver tests of the release binary under Xvfb; screenshots in target/e2e-shots/.
# (08-scale makes its 10,000-project database with the release CLI, built with
# its generator.)
e2e: app cli-synthetic
	cd e2e && npx --no-install mocha

ui-test: setup-app
	cd ui && npx --no-install vitest run

# .deb (and .rpm) bundles in target/release/bundle/.
package: setup-app
	$(TAURI) build --bundles deb
	@ls -la target/release/bundle/deb/*.deb

# The .deb installed with dpkg, started under Xvfb (its window must appear), removed.
# Not part of `make test`: it costs a bundle build and installs as root.
package-test: package
	scripts/test-package.sh

# Fuzzing (issue 12): tests/fuzz.rs with many more cases than `make test` runs
# (256 per target there). Bounded: FUZZ_CASES per target, and FUZZ_SECONDS in all
# (a run that takes longer fails, as a hang would). Each target prints its
# executions and time.
FUZZ_CASES ?= 20000
FUZZ_SECONDS ?= 900
.PHONY: fuzz
fuzz:
	JIXIAO_FUZZ_CASES=$(FUZZ_CASES) timeout $(FUZZ_SECONDS) cargo test -p jixiao --test fuzz -- --nocapture

# ---- Windows (x86_64-pc-windows-gnu, cross-built with Debian's mingw-w64) -----
# .cargo/config.toml names the linker; scripts/setup-windows.sh installs the
# target, mingw-w64, makensis and wine.
WIN_TARGET = x86_64-pc-windows-gnu

.PHONY: setup-windows windows test-windows windows-installer-test

setup-windows:
	scripts/setup-windows.sh

# jixiao-app.exe (the UI embedded, as `make app`), jixiao.exe and the installer
# target/x86_64-pc-windows-gnu/release/installer/jixiao-VERSION-setup.exe
# (src-tauri/windows/jixiao.nsi, Debian's makensis).
windows: setup-app setup-windows
	$(TAURI) build --target $(WIN_TARGET) --no-bundle
	cargo build --release --target $(WIN_TARGET) -p jixiao --bin jixiao
	scripts/windows-installer.sh

# The installer installed, used and uninstalled under wine (scripts/test-windows-installer.sh).
# Not part of `make test`: it costs a release build.
windows-installer-test: windows
	scripts/test-windows-installer.sh

# The core's tests and the CLI's, built for Windows (test profile, the core
# package only) and run under wine as cargo's runner (scripts/wine-env.sh: a
# prefix in target/wine). Tests that need Linux tools say why they skip there.
# wine's process start can fail under load (os error 1359, seen once in a
# parallel run): a failing run is run once more, and fails if it fails again.
WIN_TEST = scripts/wine-env.sh cargo test -p jixiao --target $(WIN_TARGET) --config 'target.$(WIN_TARGET).runner="wine"' --no-fail-fast
test-windows: setup-windows
	$(WIN_TEST) || { echo "test-windows: failures under wine; running the suite once more"; $(WIN_TEST); }

# ---- Linux ARM64 (aarch64-unknown-linux-gnu, 信创 machines) ------------------
# The core's and the CLI's tests built for aarch64 with Debian's cross gcc and
# run under qemu-user. The runner is given in the environment so that assert_cmd
# starts the CLI through qemu too. Not part of `make test` (see README, ARM64).
ARM_TARGET = aarch64-unknown-linux-gnu

.PHONY: setup-arm64 arm64-test

setup-arm64:
	scripts/setup-arm64.sh

arm64-test: setup-arm64
	CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER="qemu-aarch64 -L /usr/aarch64-linux-gnu" \
		cargo test -p jixiao --target $(ARM_TARGET) --no-fail-fast
