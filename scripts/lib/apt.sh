# Debian packages the scripts install when missing and they run as root: the tools' own ensure_* functions.
# (PostgreSQL is installed by postgres.sh, nginx by nginx.sh.)
# Sourced by scripts/common.sh, not run.

# Whether Debian packages can be installed here (root, with apt-get).
can_apt_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

# Installs Debian packages quietly (the package lists are refreshed first); fails when they cannot be installed.
apt_install() {
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# The browser tests drive Debian's Chromium through its ChromeDriver; install both when missing. An emoji font
# is installed too when it can be, so that reactions and emoji are drawn as on a phone rather than as empty
# boxes in the screenshots; without it the tests still run.
ensure_chromium() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    if can_apt_install; then
      say "Installing Chromium and ChromeDriver for the browser tests (Debian packages)..."
      apt_install chromium chromium-driver \
        || die "Could not install chromium and chromium-driver."
    else
      say "WARNING: /usr/bin/chromium and /usr/bin/chromedriver are missing; the browser tests will fail. Install Debian's chromium and chromium-driver."
      return 0
    fi
  fi
  if ! ls /usr/share/fonts/truetype/noto/NotoColorEmoji*.ttf >/dev/null 2>&1; then
    if can_apt_install && apt_install fonts-noto-color-emoji 2>/dev/null; then
      say "Installed an emoji font (fonts-noto-color-emoji) for the browser tests."
    else
      say "Note: no emoji font (fonts-noto-color-emoji); the browser tests' screenshots show emoji as boxes."
    fi
  fi
}

# The chat page's unit tests (src/test/js, run by PageModulesIT) need Node.js: Debian's nodejs when missing.
ensure_nodejs() {
  command -v node >/dev/null 2>&1 && return 0
  if can_apt_install; then
    say "Installing Node.js for the chat page's unit tests (Debian package nodejs)..."
    apt_install nodejs || die "Could not install nodejs."
  else
    say "WARNING: node is missing; the chat page's unit tests (PageModulesIT) will fail. Install Debian's nodejs."
  fi
}
