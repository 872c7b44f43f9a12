#!/usr/bin/env bash
# Installs what building Newsline needs on Debian/Ubuntu: librdkafka's headers and pkg-config.
# Safe to run again: it installs only what is missing. Swift itself must already be installed.
set -euo pipefail

if ! command -v swift >/dev/null 2>&1; then
  echo "setup: swift is not installed; install Swift 6.1 or newer first (https://www.swift.org/install/)" >&2
  exit 1
fi

missing=()
pkg-config --exists rdkafka 2>/dev/null || missing+=(librdkafka-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  echo "setup: installing ${missing[*]}" >&2
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi
echo "setup: librdkafka $(pkg-config --modversion rdkafka), $(swift --version 2>/dev/null | head -1)" >&2
