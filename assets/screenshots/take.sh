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

# ONLY=nuovo takes only the pictures of «Un nuovo avviso, passo per passo».
if [ "${ONLY:-}" != nuovo ]; then
shot candidature segreteria candidature
# Spazio Alpe: its budget misses the minimum co-financing (clicks are below the sample's banner).
shot candidatura segreteria candidature click:240:356 wheel:700:500:12
shot avviso segreteria avviso
shot ammissibilita segreteria ammissibilita
shot valutazione "${MEMBER:-tognini}" valutazione
shot matrice segreteria valutazione click:640:74
shot graduatoria segreteria graduatoria
shot grafici segreteria graduatoria click:413:74
# Sedute on a copy whose first session is closed: the open second one, with the button that
# closes it, then the closed first one, with its seal and what it fixed.
sample=$call
call="$work/closed"
rm -rf "$call"
cp -r "$sample" "$call"
"$bin" close "$call" --session s1 >/dev/null
shot sedute segreteria sedute
shot sedute-chiusa segreteria sedute click:283:132
call=$sample
shot presentazione segreteria presentazione
# After the lot's nine applications, its whole ranking.
shot presentazione-graduatoria segreteria presentazione $(printf 'key:Right %.0s' 1 2 3 4 5 6 7 8 9)
fi

# A new call, step by step: the start screen's new-call page (on a first start, no call known),
# then calls made from the models with `commissione new`, the commission written as the window
# would write it.
start_shot() {
  local name=$1
  shift
  rm -rf "$work/home"
  mkdir -p "$work/home"
  HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share" XDG_CONFIG_HOME="$work/home/.config" \
    XDG_DOCUMENTS_DIR=/home/segreteria/Documenti DISPLAY="$display" "$bin" >/dev/null 2>&1 &
  local app=$! wid
  wid=$(DISPLAY="$display" timeout 60 xdotool search --sync --onlyvisible --name "Commissione" | head -1)
  x windowsize "$wid" 1366 768 windowmove "$wid" 0 0
  x windowfocus "$wid"
  sleep 2
  for step in "$@"; do
    case $step in
      click:*) IFS=: read -r _ cx cy <<<"$step"; x mousemove "$cx" "$cy" click 1 ;;
    esac
    sleep 0.7
  done
  x mousemove 1365 767
  sleep 1
  DISPLAY="$display" import -window root "$work/$name.png"
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  mkdir -p "$out"
  convert "$work/$name.png" -colors 256 -strip "PNG8:$out/$name.png"
}
start_shot nuovo-avviso click:118:92
sample=$call
call="$work/spazi"
rm -rf "$call"
"$bin" new "$call" --template spazi >/dev/null
# As a secretariat would fill in the general data first.
fill() {
  sed -i -e 's/authority: ""/authority: "Comune di Valfonda"/' \
    -e 's/office: ""/office: "Settore Politiche Sociali"/' \
    -e 's/rup: ""/rup: "Dott.ssa Elena Fontana"/' \
    -e "s/title: \"Avviso pubblico [^\"]*\"/title: \"$2\"/" "$1/avviso.ron"
}
fill "$call" "Avviso di co-progettazione per i servizi negli spazi riqualificati"
shot avviso-lotti segreteria avviso click:323:67
call="$work/coprogettazione"
rm -rf "$call"
"$bin" new "$call" --template coprogettazione >/dev/null
cat >"$call/commissione.ron" <<'RON'
(
    format: 1,
    commission: (
        appointed_by: "Determinazione dirigenziale n. 88 del 01/04/2026",
        members: [
            (id: "rossi", name: "Dott.ssa Maria Rossi", role: President, qualification: "Dirigente del Settore Politiche Sociali"),
            (id: "bianchi", name: "Dott. Luca Bianchi", role: Commissioner, qualification: "Funzionario"),
            (id: "verdi", name: "Sig.ra Anna Verdi", role: Commissioner, qualification: "Istruttore direttivo"),
            (id: "neri", name: "Sig. Paolo Neri", role: Secretary, qualification: "Istruttore amministrativo"),
            (id: "gialli", name: "Ing. Carla Gialli", role: Commissioner, qualification: "Funzionario tecnico",
             substitute: (act: "Determinazione dirigenziale n. 89 del 01/04/2026", applications: [])),
        ],
    ),
)
RON
fill "$call" "Avviso di co-progettazione del programma di coworking tematico"
shot avviso-criteri segreteria avviso click:488:67 wheel:700:500:8
shot avviso-commissione segreteria avviso click:706:67
shot registra segreteria candidature click:604:43 \
  click:541:109 wait:0.5 type:2026/0004512 click:541:132 wait:0.5 type:02/03/2026\ 10:15 \
  click:701:196 wait:0.5 type:Un\ ponte\ per\ il\ quartiere \
  click:701:289 wait:0.5 type:Cooperativa\ Sociale\ Il\ Ponte click:551:312 wait:0.5 type:00944850140
call=$sample
[ "${ONLY:-}" = nuovo ] && exit 0

# Two screens reached only with prepared files (an import's preview, two versions of one sheet):
# drawn by the window's own code in its test harness, on mesa's CPU Vulkan driver
# (mesa-vulkan-drivers), by tests/app/screenshots.rs.
(cd "$(dirname "$0")/../.." &&
  COMMISSIONE_SHOTS="$work" cargo test --quiet --test app -- --ignored --exact screenshots::screenshots >/dev/null)
for name in anteprima confronto; do
  convert "$work/$name.ppm" -colors 256 -strip "PNG8:$out/$name.png"
done
