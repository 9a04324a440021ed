#!/usr/bin/env bash
# check-desktop-file.sh DESKTOP_FILE_VALIDATE FILE
#
# Copyright 2026 The Baodao authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# desktop-file-validate exits 0 even when it reports errors: any error or warning fails here.

set -uo pipefail

output=$("$1" "$2" 2>&1)
status=$?
printf '%s\n' "$output"
if [ "$status" -ne 0 ] || grep -Eq ': (error|warning):' <<<"$output"; then
  exit 1
fi
