#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian packages of build tools that are missing, like scripts/install-system-deps.sh.
#   packaging/linux/need-tools.sh objcopy:binutils patchelf:patchelf …   (TOOL:PACKAGE pairs)
set -euo pipefail
missing=""
for pair in "$@"; do
  command -v "${pair%%:*}" >/dev/null || missing="$missing ${pair#*:}"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "Missing build tools (Debian package names):$missing" >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing build tools; install them with: sudo apt-get update && sudo apt-get install -y$missing" >&2
  exit 1
fi
echo "Installing build tools:$missing"
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1 ||
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null; }
