#!/usr/bin/env bash
# check-cli-zh-cn.sh BAODAO_CLI LOCALEDIR
#
# Copyright 2026 The Baodao authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the built baodao-cli with the built catalog, as a Chinese user would, and checks that its
# usage, its errors and the statistics summary come out in Chinese. Prints TAP.

set -euo pipefail

cli=$1
export BAODAO_LOCALEDIR=$2

# Build machines generate no zh_CN.UTF-8 locale; LANGUAGE picks the catalog under C.UTF-8.
unset LC_ALL LC_MESSAGES
export LANG=C.UTF-8
export LANGUAGE=zh_CN

workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT
archive=$workdir/archive

test_number=0

# expect DESCRIPTION STATUS TEXT -- ARG…: baodao-cli exits with STATUS and prints TEXT, on
# standard output or standard error.
expect ()
{
  local description=$1 status=$2 text=$3 output actual=0
  shift 4

  test_number=$((test_number + 1))
  output=$("$cli" "$@" 2>&1) || actual=$?
  if [ "$actual" = "$status" ] && grep -qF -- "$text" <<<"$output"; then
    echo "ok $test_number - $description"
  else
    echo "not ok $test_number - $description"
    echo "# baodao-cli $* exited with $actual (expected $status); expected to see: $text"
    sed 's/^/# /' <<<"$output"
  fi
}

echo "1..7"

expect "--help prints the usage in Chinese" 0 \
  "用法：baodao-cli [--archive 目录] 命令 [选项…]" -- --help
expect "a command's --help describes its options in Chinese" 0 \
  "要统计的季度（2023Q3）、月份（2023-08）或年份（2023）" -- stats --help
expect "an unknown command is named in Chinese" 2 \
  "baodao-cli: “abc”不是命令" -- abc
expect "a usage error is explained in Chinese" 2 \
  "“abc”不是报道编号" -- show abc
expect "stats sums up the whole empty archive as the office writes it" 0 \
  "截至目前，共推出宣传报道0条，其中在国家级媒体刊发0条，在省级媒体刊发0条，在市级媒体刊发0条。" \
  -- --archive "$archive" stats
expect "stats sums up a quarter as the office writes it" 0 \
  "2023年第三季度，共推出宣传报道0条，其中在国家级媒体刊发0条，在省级媒体刊发0条，在市级媒体刊发0条。" \
  -- --archive "$archive" stats --quarter 2023Q3
# The message prints a gint64 with PRId64, which the catalog stores in its own way.
expect "a missing report is named in Chinese" 1 \
  "档案库中没有编号为 999 的报道" -- --archive "$archive" show 999
