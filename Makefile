# The project's verbs. On a fresh Debian machine:
#   make run    sets everything up and opens the app on its own database
#   make test   sets everything up and runs every test (what CI runs)

.PHONY: test test-core cli bench crash-test

# Everything CI runs, installing what it needs first.
test: setup-app
	$(MAKE) test-core
	$(MAKE) ui-test
	$(MAKE) e2e

# The core's tests. They also write the UI's TypeScript types from the Rust
# structs (ts-rs, into ui/src/generated/); committed types that differ fail here.
test-core:
	cargo test -p jixiao
	# the shell's own checks: the command list against the capability file and the UI's calls
	cargo test -p jixiao-app
	@if git rev-parse --git-dir >/dev/null 2>&1 && [ -n "$$(git status --porcelain -- ui/src/generated)" ]; then \
		echo "ui/src/generated is out of date: commit the regenerated types"; git status --short -- ui/src/generated; exit 1; fi

# The command-line program: target/release/jixiao
cli:
	cargo build --release --bin jixiao
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
# (08-scale makes its 10,000-project database with the release CLI.)
e2e: app cli
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
