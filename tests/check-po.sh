#!/usr/bin/env bash
# check-po.sh SOURCE_ROOT XGETTEXT_ARG…
#
# Copyright 2026 The Baodao authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks that po/POTFILES.in names every source file with messages, and that every translation in
# po/LINGUAS is valid and complete against the messages the sources hold now, not only against the
# last committed update: a message added without running baodao-update-po fails here. Prints TAP.

set -euo pipefail

srcdir=$1
shift
xgettext_args=("$@")
podir=$srcdir/po

# msgfmt's statistics are parsed below: keep them in English whatever the caller's locale.
export LC_ALL=C
unset LANGUAGE

workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT

mapfile -t linguas < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$podir/LINGUAS" | tr -s ' \t' '\n' | sed '/^$/d')
mapfile -t potfiles < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$podir/POTFILES.in")

echo "1..$((2 + 2 * ${#linguas[@]}))"
test_number=0

report ()
{
  local ok=$1 description=$2 details=$3

  test_number=$((test_number + 1))
  if [ "$ok" = yes ]; then
    echo "ok $test_number - $description"
  else
    echo "not ok $test_number - $description"
    [ -z "$details" ] || sed -e '/^$/d' -e 's/^/# /' <<<"$details"
  fi
}

# The msgid lines of a catalog's messages, the header left out.
msgids ()
{
  awk '/^msgid/ { entry = $0; next }
       /^"/ && entry != "" { entry = entry "\n" $0; next }
       /^msgstr/ { if (entry != "msgid \"\"") print entry; entry = "" }'
}

# Every source file that yields a message must be listed, and every listed file must exist.
details=""
for file in "${potfiles[@]}"; do
  [ -f "$srcdir/$file" ] || details+="$file is listed but does not exist"$'\n'
done
while IFS= read -r file; do
  # grep reads all its input: with -q it would stop early, and under pipefail the writer's
  # SIGPIPE would make a listed file look unlisted now and then
  if ! printf '%s\n' "${potfiles[@]}" | grep -xF "$file" >/dev/null &&
     xgettext "${xgettext_args[@]}" --directory="$srcdir" --output=- "$file" | grep '^msgid' >/dev/null; then
    details+="$file has translatable messages but is not in po/POTFILES.in"$'\n'
  fi
done < <(cd "$srcdir" && find src data \( -name '*.[ch]' -o -name '*.ui' -o -name '*.in' -o -name '*.gschema.xml' \) |
           LC_ALL=C sort)
report "$([ -z "$details" ] && echo yes || echo no)" "po/POTFILES.in lists every source file with messages" "$details"

sorted=$(printf '%s\n' "${potfiles[@]}" | sort -u)
if [ "$sorted" = "$(printf '%s\n' "${potfiles[@]}")" ]; then
  report yes "po/POTFILES.in is sorted, each file once" ""
else
  report no "po/POTFILES.in is sorted, each file once" \
    "$(diff <(printf '%s\n' "${potfiles[@]}") <(echo "$sorted") || true)"
fi

xgettext "${xgettext_args[@]}" --directory="$srcdir" --files-from="$podir/POTFILES.in" \
  --package-name=baodao --output="$workdir/baodao.pot"

for lingua in "${linguas[@]}"; do
  po=$podir/$lingua.po

  if output=$(msgfmt --check --output-file=/dev/null "$po" 2>&1); then
    report yes "$lingua.po is valid" ""
  else
    report no "$lingua.po is valid" "$output"
  fi

  # A message is untranslated, or fuzzy because its English changed, until the .po catches up.
  merged=$workdir/$lingua.po
  details=""
  if ! msgmerge --quiet --output-file="$merged" "$po" "$workdir/baodao.pot" 2>"$workdir/msgmerge.log"; then
    details=$(cat "$workdir/msgmerge.log")
  elif ! statistics=$(msgfmt --check --statistics --output-file=/dev/null "$merged" 2>&1) ||
       grep -Eq 'untranslated|fuzzy' <<<"$statistics"; then
    details="$statistics"$'\n'
    details+=$(msgattrib --untranslated --no-obsolete --no-wrap "$merged" | msgids)$'\n'
    details+=$(msgattrib --only-fuzzy --no-obsolete --no-wrap "$merged" | msgids)
  fi
  report "$([ -z "$details" ] && echo yes || echo no)" \
    "$lingua.po translates every message in the sources" "$details"
done
