#!/usr/bin/env bash
# Installs code-server (VS Code 1.100 in a browser) and @vscode/vsce into a cache folder for the
# VS Code end-to-end test, without downloading anything but npm registry packages.
#
# A plain `npm install code-server` fails without internet access: @vscode/ripgrep's install
# script downloads a ripgrep binary, kerberos's tries a prebuilt binary first, and node-gyp
# fetches Node.js headers when it has none. So this script installs every package with
# --ignore-scripts, copies Debian's `rg` to where @vscode/ripgrep expects its binary, builds
# the native modules from source against the local Node.js headers, and then does what
# code-server's postinstall.sh does after its `npm install` steps (two symlinks per folder).
#
# Usage: test-vscode/install-code-server.sh
# Prints the two install folders as `code-server=PATH` and `vsce=PATH` lines on stdout. A
# second run finds the `.installed` marker and returns at once. Set OXIDE_WEBHOOKS_VSCODE_CACHE
# to use another cache folder than `.cache/` in the repository.
#
# Needs Node.js 20, ripgrep, the MIT Kerberos headers, a C++ compiler, make and python3. On
# Debian: apt-get install ripgrep libkrb5-dev build-essential python3.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
VSCE_VERSION=3.9.2

repo_root="$(cd "$(dirname "$0")/.." && pwd)"
cache_root="${OXIDE_WEBHOOKS_VSCODE_CACHE:-$repo_root/.cache}"
code_server_prefix="$cache_root/code-server/$CODE_SERVER_VERSION"
vsce_prefix="$cache_root/vsce/$VSCE_VERSION"

# The native modules are built for one Node.js ABI, so a Node.js upgrade means a new install.
node_abi="$(node -p 'process.versions.modules')"

main() {
  if [ "$(cat "$code_server_prefix/.installed" 2>/dev/null)" != "$node_abi" ]; then
    check_requirements
    install_code_server
  fi
  if [ ! -f "$vsce_prefix/.installed" ]; then
    install_vsce
  fi
  echo "code-server=$code_server_prefix/node_modules/code-server"
  echo "vsce=$vsce_prefix/node_modules/@vscode/vsce"
}

check_requirements() {
  local node_major
  node_major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$node_major" != 20 ]; then
    fail "Node.js $(node --version) is not supported: code-server $CODE_SERVER_VERSION runs on Node.js 20 only."
  fi
  if ! command -v rg > /dev/null; then
    fail "ripgrep (rg) not found on PATH. Install it: apt-get install ripgrep."
  fi
  if ! command -v krb5-config > /dev/null; then
    fail "krb5-config not found, so the kerberos module cannot be built. Install the MIT Kerberos headers: apt-get install libkrb5-dev."
  fi
  for tool in c++ make python3; do
    if ! command -v "$tool" > /dev/null; then
      fail "$tool not found on PATH, so node-gyp cannot build the native modules. Install it: apt-get install build-essential python3."
    fi
  done
  if [ ! -f "$(node_gyp)" ]; then
    fail "node-gyp not found at $(node_gyp), where npm ships it. Install npm 7 or later."
  fi
  if [ ! -f "$(node_dir)/include/node/node_api.h" ]; then
    fail "Node.js headers not found in $(node_dir)/include/node. Install a Node.js build that ships its headers, so that node-gyp does not download them."
  fi
}

install_code_server() {
  local log="$cache_root/code-server/install-$CODE_SERVER_VERSION.log"
  local vscode="$code_server_prefix/node_modules/code-server/lib/vscode"
  local started=$SECONDS

  rm -rf "$code_server_prefix"
  mkdir -p "$code_server_prefix"
  : > "$log"
  step "Installing code-server $CODE_SERVER_VERSION into $code_server_prefix (log: $log)"

  step "npm packages of code-server and of its VS Code"
  run "$log" npm install --prefix "$code_server_prefix" --save-exact --ignore-scripts \
    --no-audit --no-fund "code-server@$CODE_SERVER_VERSION"
  # The same two installs as postinstall.sh, which reads the versions from npm-shrinkwrap.json.
  (cd "$vscode" && run "$log" npm install --omit=dev --ignore-scripts --no-audit --no-fund)
  (cd "$vscode/extensions" && run "$log" npm install --omit=dev --ignore-scripts --no-audit --no-fund)
  # The postinstall of the built-in extensions only deletes TypeScript files they do not use.
  (cd "$vscode/extensions" && run "$log" node postinstall.mjs)

  step "ripgrep from $(command -v rg)"
  # @vscode/ripgrep resolves its binary as bin/rg in its own folder.
  mkdir -p "$vscode/node_modules/@vscode/ripgrep/bin"
  cp "$(command -v rg)" "$vscode/node_modules/@vscode/ripgrep/bin/rg"

  step "native modules, built from source"
  # argon2's install script (node-pre-gyp) skips its download when building from source.
  (cd "$code_server_prefix" &&
    run "$log" env npm_config_build_from_source=true npm_config_nodedir="$(node_dir)" \
      npm rebuild --foreground-scripts argon2)
  # node-gyp runs directly because kerberos's install script first tries a prebuilt download
  # and node-pty's postinstall fetches another node-gyp through npx. @parcel/watcher needs no
  # build: its Linux binary comes as an npm package.
  local module
  for module in node-pty @vscode/spdlog native-watchdog @vscode/deviceid kerberos; do
    (cd "$vscode/node_modules/$module" && run "$log" node "$(node_gyp)" rebuild --nodedir="$(node_dir)")
  done

  step "symlinks that postinstall.sh creates"
  ln -sfn node_modules "$vscode/node_modules.asar"
  ln -sfn code-linux.sh "$vscode/bin/remote-cli/code-server"
  ln -sfn browser-linux.sh "$vscode/bin/helpers/browser.sh"

  echo "$node_abi" > "$code_server_prefix/.installed"
  step "code-server installed in $((SECONDS - started)) s"
}

install_vsce() {
  local log="$cache_root/vsce/install-$VSCE_VERSION.log"
  rm -rf "$vsce_prefix"
  mkdir -p "$vsce_prefix"
  : > "$log"
  step "Installing @vscode/vsce $VSCE_VERSION into $vsce_prefix (log: $log)"
  # Its optional keytar dependency stores publishing tokens and its install script downloads a
  # prebuilt binary. Packaging needs neither.
  run "$log" npm install --prefix "$vsce_prefix" --save-exact --omit=optional --ignore-scripts \
    --no-audit --no-fund "@vscode/vsce@$VSCE_VERSION"
  touch "$vsce_prefix/.installed"
}

# The folder that contains bin/node and include/node, as node-gyp's --nodedir expects.
node_dir() {
  dirname "$(dirname "$(readlink -f "$(command -v node)")")"
}

# The node-gyp that ships with npm (npm's bin/npm-cli.js is two levels below npm's folder).
node_gyp() {
  local npm_cli
  npm_cli="$(readlink -f "$(command -v npm)")"
  echo "$(dirname "$(dirname "$npm_cli")")/node_modules/node-gyp/bin/node-gyp.js"
}

# Runs a command with its output appended to the log, and prints the log's end if it fails.
run() {
  local log="$1"
  shift
  echo "\$ $*" >> "$log"
  if ! "$@" >> "$log" 2>&1; then
    tail -n 40 "$log" >&2
    fail "Command failed: $*. The full output is in $log."
  fi
}

step() {
  echo "install-code-server: $*" >&2
}

fail() {
  echo "install-code-server: $*" >&2
  exit 1
}

main "$@"
