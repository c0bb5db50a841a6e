#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# install-deps.sh: installs what building and testing Sapa needs on
# Debian 12, and the Indonesian locale the app is used in.
set -eu

packages="
  appstream
  at-spi2-core
  dbus-daemon
  dbus-x11
  desktop-file-utils
  fonts-cantarell
  gcc
  gettext
  libadwaita-1-dev
  libglib2.0-dev
  libglib2.0-dev-bin
  libgtk-4-dev
  libjson-glib-dev
  libpq-dev
  libqrencode-dev
  libsecret-1-dev
  libsodium-dev
  libsoup-3.0-dev
  libsqlite3-dev
  locales
  meson
  openssl
  ninja-build
  pkg-config
  poppler-utils
  postgresql
  python3
  python3-pyatspi
  xauth
  xvfb
  zbar-tools
"

if [ "$(id -u)" -eq 0 ]; then
  sudo=""
else
  sudo="sudo"
fi

missing=""
for package in $packages; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $package"
  fi
done

if [ -n "$missing" ]; then
  echo "Installing:$missing"
  $sudo apt-get update -q
  # shellcheck disable=SC2086 # the list is meant to split into words
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
fi

if ! locale -a 2>/dev/null | grep -qi '^id_ID\.utf-\?8$'; then
  echo "Generating the id_ID.UTF-8 locale"
  $sudo sed -i 's/^# *\(id_ID.UTF-8 UTF-8\)/\1/' /etc/locale.gen
  grep -q '^id_ID.UTF-8 UTF-8' /etc/locale.gen || echo 'id_ID.UTF-8 UTF-8' | $sudo tee -a /etc/locale.gen >/dev/null
  $sudo locale-gen
fi
