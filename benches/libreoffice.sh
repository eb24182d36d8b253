#!/usr/bin/env bash
# Side by side: the verbale of the scoring session as commissione writes it (PDF directly), and
# the same content written as HTML and converted by LibreOffice (`--headless --convert-to pdf`),
# as an office would do with a template. Prints both times and their ratio. Not run by CI.
#
#     cargo build --release
#     benches/libreoffice.sh [APPLICATIONS [LOTS [MEMBERS [CRITERIA]]]]    (default 2000 5 7 20)
#
# Needs python3 and LibreOffice (Debian: apt-get install libreoffice-writer-nogui).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${COMMISSIONE_BIN:-target/release/commissione}
[ -x "$bin" ] || { echo "no binary at $bin (cargo build --release first)"; exit 2; }
lo=$(command -v libreoffice || command -v soffice || true)
[ -n "$lo" ] || { echo "LibreOffice is not installed"; exit 2; }
apps=${1:-2000} lots=${2:-5} members=${3:-7} criteria=${4:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.2f}')"; }

"$bin" sample large "$work/call" --applications "$apps" --lots "$lots" --members "$members" \
  --criteria "$criteria" >/dev/null

# commissione: evaluation, record and PDF, from the files.
t0=$(now)
"$bin" minutes "$work/call" --session s2 -o "$work/commissione.pdf" >/dev/null
t1=$(now)

# The record the PDF is drawn from, as kept when the session closes: the input of the template.
"$bin" close "$work/call" --session s1 >/dev/null
"$bin" close "$work/call" --session s2 >/dev/null

# LibreOffice: the same content as HTML, converted (a fresh profile, as on a first start).
t2=$(now)
python3 benches/record_to_html.py "$work/call/sedute/s2.verbale.json" >"$work/verbale.html"
"$lo" -env:UserInstallation="file://$work/profile" --headless --convert-to pdf \
  --outdir "$work/lo" "$work/verbale.html" >/dev/null 2>&1
t3=$(now)

ours=$(secs "$t0" "$t1")
theirs=$(secs "$t2" "$t3")
pages() { python3 -c "import re,sys; d=open(sys.argv[1],'rb').read(); print(len(re.findall(rb'/Type\s*/Page(?!s)', d)))" "$1"; }
echo "call: $apps applications, $lots lots, $members members, $criteria criteria"
echo "commissione minutes:           ${ours} s, $(pages "$work/commissione.pdf") pages, $(stat -c %s "$work/commissione.pdf") bytes"
echo "HTML + LibreOffice to PDF:     ${theirs} s, $(pages "$work/lo/verbale.pdf") pages, $(stat -c %s "$work/lo/verbale.pdf") bytes"
python3 -c "print(f'LibreOffice / commissione:     {$theirs / $ours:.1f}x')"
