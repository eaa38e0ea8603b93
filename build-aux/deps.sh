# Sourced by build-aux/run and build-aux/test: installs the Debian 12
# packages the build and the tests need, only those that are missing.
# shellcheck shell=bash

MR_BUILD_PACKAGES="meson ninja-build pkg-config gcc libglib2.0-dev libglib2.0-dev-bin
  libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libsqlite3-dev libyaml-dev
  libgnutls28-dev libcairo2-dev libpango1.0-dev libpoppler-glib-dev libsecret-1-dev gettext
  itstool yelp-tools desktop-file-utils appstream libxml2-utils"
MR_TEST_PACKAGES="xvfb xauth dbus at-spi2-core python3-dogtail imagemagick poppler-utils sqlite3
  procps time"
# clang with libFuzzer and the sanitizer runtimes, for build-aux/fuzz.
MR_FUZZ_PACKAGES="clang libclang-rt-14-dev"

mr_install_missing () {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q '^install ok installed' ||
      missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing: ${missing[*]}" >&2
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Installs the Debian package of each command that is not on PATH (npm may
# come from elsewhere, e.g. NodeSource; then Debian's is not needed).
mr_install_commands () {
  local cmd pkgs=()
  for cmd in "$@"; do
    command -v "$cmd" >/dev/null 2>&1 || pkgs+=("$cmd")
  done
  [ ${#pkgs[@]} -eq 0 ] || mr_install_missing "${pkgs[@]}"
}

mr_configure_and_build () {
  local builddir=$1; shift
  if [ ! -f "$builddir/build.ninja" ]; then
    meson setup "$builddir" "$@" || return 1
  elif [ $# -gt 0 ]; then
    meson configure "$builddir" "$@" || return 1
  fi
  meson compile -C "$builddir"
}
