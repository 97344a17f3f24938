# The project's verbs. On a fresh Debian machine:
#   make run    sets everything up and opens the app on its own database
#   make test   sets everything up and runs every test (what CI runs)

.PHONY: test test-core cli bench

# Everything CI runs, installing what it needs first.
test: setup-app
	$(MAKE) test-core
	$(MAKE) ui-test
	$(MAKE) e2e

# The core's tests. They also write the UI's TypeScript types from the Rust
# structs (ts-rs, into ui/src/generated/); committed types that differ fail here.
test-core:
	cargo test -p jixiao
	@if git rev-parse --git-dir >/dev/null 2>&1 && [ -n "$$(git status --porcelain -- ui/src/generated)" ]; then \
		echo "ui/src/generated is out of date: commit the regenerated types"; git status --short -- ui/src/generated; exit 1; fi

# The command-line program: target/release/jixiao
cli:
	cargo build --release --bin jixiao
	@ls -la target/release/jixiao

bench:
	scripts/bench.sh

# ---- desktop app (src-tauri/, ui/, e2e/) -------------------------------------
# The Tauri CLI comes from ui/node_modules; it finds the app crate through
# TAURI_APP_PATH (src-tauri/tauri.conf.json is a symlink to ./tauri.conf.json).
TAURI = cd ui && TAURI_APP_PATH=../src-tauri TAURI_FRONTEND_PATH=. npx --no-install tauri
APP_BIN = target/release/jixiao-app

.PHONY: setup-app app run e2e package package-test ui-test

setup-app:
	scripts/setup-app.sh

# The release binary with the UI embedded (vite build runs as beforeBuildCommand).
app: setup-app
	$(TAURI) build --no-bundle
	@ls -la $(APP_BIN)

# Everything from a fresh machine to an open window, on the CLI's database
# ($$JIXIAO_DB, else jixiao.sqlite3 in the OS data directory); a database this
# start creates gets the sample bureau.
run: app
	$(APP_BIN) --sample-on-first-start

# WebDriver tests of the release binary under Xvfb; screenshots in target/e2e-shots/.
e2e: app
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
