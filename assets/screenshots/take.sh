#!/usr/bin/env bash
# Takes the README's screenshots from the real window on a virtual 1366x768 screen:
#   bash assets/screenshots/take.sh [CALL_DIR [OUT_DIR]]
# Without CALL_DIR it uses the Sondrio sample, written by the binary itself.
# Needs Xvfb, xdotool and ImageMagick (apt-get install xvfb xdotool imagemagick) and a built
# binary (cargo build); the last two pictures also mesa-vulkan-drivers. Each view is opened with
# COMMISSIONE_RUOLO and COMMISSIONE_VISTA (see README), on a fresh copy of CALL_DIR so that
# nothing is changed; a few are reached by clicking.
set -euo pipefail
out=${2:-$(dirname "$0")}
bin=${BIN:-$(dirname "$0")/../../target/debug/commissione}
display=${SHOT_DISPLAY:-:99}
work=$(mktemp -d)
call=${1:-}
if [ -z "$call" ]; then
  call="$work/sample"
  "$bin" sample sondrio-coworking "$call" >/dev/null
fi
Xvfb "$display" -screen 0 1366x768x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 1
x() { DISPLAY="$display" xdotool "$@"; }

# shot NAME ROLE VIEW [click:X:Y | wheel:X:Y:N | type:TEXT | key:KEY | wait:SECONDS]...
shot() {
  local name=$1 role=$2 view=$3
  shift 3
  rm -rf "$work/call" "$work/home"
  cp -r "$call" "$work/call"
  mkdir -p "$work/home"
  HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share" XDG_CONFIG_HOME="$work/home/.config" \
    COMMISSIONE_RUOLO="$role" COMMISSIONE_VISTA="$view" DISPLAY="$display" \
    "$bin" open "$work/call" >/dev/null 2>&1 &
  local app=$! wid
  wid=$(DISPLAY="$display" timeout 60 xdotool search --sync --onlyvisible --name "Commissione" | head -1)
  x windowsize "$wid" 1366 768 windowmove "$wid" 0 0
  # Without a window manager nobody gives the window the keyboard: give it ourselves.
  x windowfocus "$wid"
  sleep 2
  for step in "$@"; do
    case $step in
      click:*) IFS=: read -r _ cx cy <<<"$step"; x mousemove "$cx" "$cy" click 1 ;;
      wheel:*) IFS=: read -r _ cx cy n <<<"$step"; x mousemove "$cx" "$cy" click --repeat "$n" --delay 50 5 ;;
      type:*) x type --delay 40 "${step#type:}" ;;
      key:*) x key "${step#key:}" ;;
      wait:*) sleep "${step#wait:}" ;;
    esac
    sleep 0.7
  done
  x mousemove 1365 767
  sleep 1
  DISPLAY="$display" import -window root "$work/$name.png"
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  # Small files: 256 colours are plenty for a flat interface.
  mkdir -p "$out"
  convert "$work/$name.png" -colors 256 -strip "PNG8:$out/$name.png"
}

shot candidature segreteria candidature
# Associazione Montagna Attiva: its budget misses the minimum co-financing.
shot candidatura segreteria candidature click:240:325 wheel:700:500:12
shot avviso segreteria avviso
shot ammissibilita segreteria ammissibilita
shot valutazione "${MEMBER:-tognini}" valutazione
shot matrice segreteria valutazione click:640:43
shot graduatoria segreteria graduatoria
shot grafici segreteria graduatoria click:413:43
# Sedute on a copy whose first session is closed: the open second one, with the button that
# closes it, then the closed first one, with its seal and what it fixed.
sample=$call
call="$work/closed"
rm -rf "$call"
cp -r "$sample" "$call"
"$bin" close "$call" --session s1 >/dev/null
shot sedute segreteria sedute
shot sedute-chiusa segreteria sedute click:283:101
call=$sample
shot presentazione segreteria presentazione

# Two screens reached only with prepared files (an import's preview, two versions of one sheet):
# drawn by the window's own code in its test harness, on mesa's CPU Vulkan driver
# (mesa-vulkan-drivers), by tests/app/screenshots.rs.
(cd "$(dirname "$0")/../.." &&
  COMMISSIONE_SHOTS="$work" cargo test --quiet --test app -- --ignored --exact screenshots::screenshots >/dev/null)
for name in anteprima confronto; do
  convert "$work/$name.ppm" -colors 256 -strip "PNG8:$out/$name.png"
done
