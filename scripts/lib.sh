# Shared by the setup scripts (sourced, not run): what they all do to install
# what is missing and nothing else.

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# need_apt WHO PACKAGE...: installs the Debian packages not installed yet.
need_apt() {
  local who=$1 p
  shift
  local missing=()
  for p in "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "$who: installing ${missing[*]}"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  fi
}

# need_rust_target WHO TARGET: adds the Rust target unless it is installed.
need_rust_target() {
  if ! rustup target list --installed | grep -qx "$2"; then
    echo "$1: rustup target add $2"
    rustup target add "$2"
  fi
}
