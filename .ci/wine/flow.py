#!/usr/bin/env python3
"""The command-line flow of each sample call, run by the Linux program and by the Windows program
under Wine, side by side; their outputs must be the same.

    flow.py LINUX_EXE WINDOWS_EXE WORK_DIR

WINEPREFIX (with the test DLL installed) and WINEDEBUG come from the environment (.ci/windows-test).
The Windows program works in `C:\\Users\\Mario Rossi\\Documenti\\Bando è 2026`, the Linux program in
`WORK_DIR/linux/Bando è 2026`: spaces and an accent in both.

Compared: the exit code of every command; what it prints, once each program's folder is written
<BASE> and the Windows separators `\\` in those paths `/`; every file written (spreadsheets, JSON,
CSV, PDF: byte for byte); the call's folder after the imports, byte for byte. After `close` the
seal and the journal carry the time they were made, which differs between two runs: there the
times and the SHA-256 seals are masked, and the documents are compared by the other program
instead: the Linux program writes the verbale of the folder the Windows program closed and it must
be the same bytes, and each program verifies the other's verbale and journal. No file of either
folder may contain a carriage return (CRLF).

Prints one line per check; exits 1 if any failed. Everything written is kept in WORK_DIR.
"""

import difflib
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

# FLOW_SAMPLES="sondrio-coworking" runs one only (while working on this script).
SAMPLES = os.environ.get(
    "FLOW_SAMPLES", "sondrio-coworking milano-quartieri-connessi milano-hub-innovazione"
).split()
WIN_BASE = "C:\\Users\\Mario Rossi\\Documenti\\Bando è 2026"
WIN_IMPORT = "C:\\Users\\Mario Rossi\\Documenti\\importazione"

failures = []
checks = 0


def report(ok, what, detail=""):
    global checks
    checks += 1
    print(f"{'ok' if ok else 'DIVERSO':9} {what}", flush=True)
    if not ok:
        failures.append(what)
        if detail:
            print("\n".join("          " + line for line in detail.splitlines()[:60]), flush=True)


class Build:
    """One of the two programs, with its own folders and its own way of writing them."""

    def __init__(self, name, command, base, base_text, imports, imports_text, separator):
        self.name = name
        self.command = command
        self.base = base  # where its calls are, as a Linux path
        self.base_text = base_text  # the same folder as the program writes it
        self.imports = imports
        self.imports_text = imports_text
        self.separator = separator

    def path(self, *parts):
        return self.separator.join([self.base_text, *parts])

    def fill(self, args, sample):
        call = self.path(sample)
        out = self.path("uscite", sample)
        imp = self.separator.join([self.imports_text, sample])
        filled = []
        for a in args:
            if "{" in a:
                # The placeholders' paths go on with "/": written the program's way.
                a = a.replace("/", self.separator)
                a = a.replace("{call}", call).replace("{out}", out).replace("{imp}", imp)
            filled.append(a)
        return filled

    def run(self, args, sample):
        command = self.command + self.fill(args, sample)
        result = subprocess.run(command, capture_output=True, timeout=600)
        if result.returncode != 0 and not result.stdout and not result.stderr:
            # Seen once in many runs under load: Wine ended the program with 1 and not a word
            # (the program itself always says why). Tried once more, and said.
            print(f"          (Wine: uscita {result.returncode} senza messaggi, riprovato)", flush=True)
            result = subprocess.run(command, capture_output=True, timeout=600)
        return result.returncode, result.stdout, result.stderr

    def normalize(self, data):
        text = data.decode("utf-8", errors="replace")
        for prefix, mark in [(self.base_text, "<BASE>"), (self.imports_text, "<IMPORT>")]:
            # A problem's file is written with "/" on every system.
            text = text.replace(prefix, mark).replace(prefix.replace("\\", "/"), mark)
        if self.separator == "\\":
            # The rest of a path that starts at one of the folders, up to a space or a quote.
            text = re.sub(
                r"<(?:BASE|IMPORT)>[^\s«»\"'()]*", lambda m: m.group(0).replace("\\", "/"), text
            )
        return text


def timeless(text):
    text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:[+-]\d\d:\d\d|Z)", "<ORA>", text)
    text = re.sub(r"\d\d/\d\d/\d{4} \d\d:\d\d:\d\d", "<ORA>", text)
    # A session closed on each system in its own minute: "chiusa il" in sentences, "Chiusa il"
    # at the head of a line of `verify`.
    text = re.sub(r"([Cc]hiusa il) \d\d/\d\d/\d{4} alle \d\d:\d\d", r"\1 <ORA>", text)
    # The AgID identifier of a closed verbale ends with a digest of the file, which holds the
    # time of its closing.
    text = re.sub(r'("Identificativo": "[^"]*-)[0-9a-f]{16}"', r'\1<ID>"', text)
    return re.sub(r"\b[0-9a-f]{64}\b", "<SHA256>", text)


def sealed_sizes(text):
    """The journal's entry of a verbale records its size, which holds the time of its closing."""
    return re.sub(r'(file:"[^"]*\.pdf",[^\n]*?size:)\d+', r"\1<N>", text)


def diff(a, b):
    return "\n".join(
        difflib.unified_diff(a.splitlines(), b.splitlines(), "linux", "windows", lineterm="", n=1)
    )


def loose(text):
    """The help: clap names the program as it was started (commissione.exe) and wraps the lines
    to the terminal it finds, or not at all."""
    return " ".join(text.replace("commissione.exe", "commissione").split())


def compare_run(linux, windows, sample, args, expect=0, masked=False, wrap=False):
    lc, lo, le = linux.run(args, sample)
    wc, wo, we = windows.run(args, sample)
    what = f"{sample}: commissione {' '.join(args)}"
    if lc != expect or wc != expect:
        report(False, what, f"uscita: linux {lc}, windows {wc}, attesa {expect}\n"
               f"linux: {le.decode(errors='replace')}\nwindows: {we.decode(errors='replace')}")
        return
    for stream, l, w in [("uscita", lo, wo), ("errori", le, we)]:
        lt, wt = linux.normalize(l), windows.normalize(w)
        if masked:
            lt, wt = timeless(lt), timeless(wt)
        if wrap:
            lt, wt = loose(lt), loose(wt)
        if lt != wt:
            report(False, f"{what} ({stream})", diff(lt, wt))
            return
    report(True, what)


def files_of(folder):
    return sorted(
        p.relative_to(folder).as_posix() for p in Path(folder).rglob("*") if p.is_file()
    )


def same_zip_entries(a, b):
    """XLSX: the same entries, in the same order, with the same times and the same compressed
    bytes. The zip library under rust_xlsxwriter writes the system it runs on into each entry's
    header ("made by" MS-DOS, no Unix permissions), the one difference between the systems."""
    with zipfile.ZipFile(io.BytesIO(a)) as za, zipfile.ZipFile(io.BytesIO(b)) as zb:
        ia, ib = za.infolist(), zb.infolist()
        if [i.filename for i in ia] != [i.filename for i in ib]:
            return False
        for x, y in zip(ia, ib):
            if (x.date_time, x.CRC, x.compress_type, x.compress_size) != (
                    y.date_time, y.CRC, y.compress_type, y.compress_size):
                return False
            if za.read(x) != zb.read(y):
                return False
    return True


def compare_files(linux_dir, windows_dir, what, masked=False):
    lf, wf = files_of(linux_dir), files_of(windows_dir)
    if lf != wf:
        report(False, f"{what}: gli stessi file", diff("\n".join(lf), "\n".join(wf)))
        return
    different = []
    zip_header_only = []
    sealed = []
    for rel in lf:
        a = (Path(linux_dir) / rel).read_bytes()
        b = (Path(windows_dir) / rel).read_bytes()
        if a == b:
            continue
        if rel.endswith(".xlsx") and same_zip_entries(a, b):
            zip_header_only.append(rel)
            continue
        if masked and rel.endswith(".pdf"):
            # The sealed verbale carries the time of its closing: cross_checks compares it,
            # rewritten by the Linux program from the Windows program's folder.
            sealed.append(rel)
            continue
        if masked:
            at, bt = sealed_sizes(timeless(a.decode())), sealed_sizes(timeless(b.decode()))
            if at == bt:
                continue
            different.append(f"{rel}:\n{diff(at, bt)}")
        else:
            different.append(f"{rel}: {len(a)} byte su Linux, {len(b)} su Windows")
    note = "uguali" if not masked else "uguali a meno di ore e sigilli"
    if sealed:
        note += f" ({', '.join(sealed)}: con l'ora della chiusura, confrontati sotto)"
    if zip_header_only:
        note += f" ({', '.join(zip_header_only)}: lo stesso contenuto, il sistema nelle intestazioni zip)"
    report(not different, f"{what}: {len(lf)} file {note}", "\n".join(different))


def no_carriage_returns(folder, what):
    found = [
        rel for rel in files_of(folder)
        if not rel.endswith((".pdf", ".xlsx", ".ods")) and b"\r" in (Path(folder) / rel).read_bytes()
    ]
    report(not found, f"{what}: nessun CRLF nei file di testo", "\n".join(found))


def flow(linux, windows, sample):
    matrix_member = {"sondrio-coworking": "tognini", "milano-quartieri-connessi": "colombo",
                     "milano-hub-innovazione": "sala"}[sample]
    for build in (linux, windows):
        shutil.rmtree(Path(build.base) / sample, ignore_errors=True)
        shutil.rmtree(Path(build.base) / "uscite" / sample, ignore_errors=True)
        (Path(build.base) / "uscite" / sample).mkdir(parents=True)
    steps = [
        ["sample", sample, "{call}"],
        ["check", "{call}"],
        ["check", "{call}", "--all"],
        ["rank", "{call}"],
        ["rank", "{call}", "--format", "csv"],
        ["rank", "{call}", "--format", "json"],
        ["rank", "{call}", "--format", "table", "-o", "{out}/graduatoria.txt"],
        ["rank", "{call}", "--format", "csv", "-o", "{out}/graduatoria.csv"],
        ["rank", "{call}", "--format", "json", "-o", "{out}/graduatoria.json"],
        ["rank", "{call}", "--format", "xlsx", "-o", "{out}/graduatoria.xlsx"],
        ["rank", "{call}", "--format", "ods", "-o", "{out}/graduatoria.ods"],
        ["rank", "{call}", "--matrix", "--format", "csv"],
        ["rank", "{call}", "--matrix", "--format", "xlsx", "-o", "{out}/matrice.xlsx"],
        ["rank", "{call}", "--matrix", "--format", "ods", "-o", "{out}/matrice.ods"],
        ["import", "{call}", "--applications", "{imp}/domande.csv", "--budget", "{imp}/voci.csv",
         "--cofinancing", "{imp}/cofinanziamento.csv", "--dry-run"],
        ["import", "{call}", "--applications", "{imp}/domande.csv", "--budget", "{imp}/voci.csv",
         "--cofinancing", "{imp}/cofinanziamento.csv"],
        # Again: nothing changes, nothing is written.
        ["import", "{call}", "--applications", "{imp}/domande.csv", "--budget", "{imp}/voci.csv",
         "--cofinancing", "{imp}/cofinanziamento.csv"],
        ["import", "{call}", "--applications", "{imp}/domande.xlsx", "--budget", "{imp}/domande.xlsx",
         "--cofinancing", "{imp}/domande.xlsx"],
        ["check", "{call}"],
        ["rank", "{call}", "--format", "csv", "-o", "{out}/graduatoria-dopo.csv"],
        ["sheet", "export", "{call}", "--member", matrix_member, "-o", "{out}/scheda.ron"],
        ["graduatoria", "{call}", "-o", "{out}/graduatoria.pdf"],
        ["minutes", "{call}", "--session", "s1", "-o", "{out}/bozza-s1.pdf"],
        ["minutes", "{call}", "--session", "s2", "-o", "{out}/bozza-s2.pdf"],
    ]
    for args in steps:
        run_step(linux, windows, sample, args)
    compare_files(Path(linux.base) / "uscite" / sample, Path(windows.base) / "uscite" / sample,
                  f"{sample}: file scritti (fogli di calcolo, JSON, CSV, bozze dei verbali, graduatoria)")
    compare_files(Path(linux.base) / sample, Path(windows.base) / sample,
                  f"{sample}: cartella dopo le importazioni", masked=True)
    for args in [
        ["close", "{call}", "--session", "s1"],
        ["minutes", "{call}", "--session", "s1"],
        ["verify", "{call}"],
        ["verify", "{call}", "{call}/verbali/verbale-01-s1.pdf"],
        ["registro", "{call}"],
    ]:
        run_step(linux, windows, sample, args, masked=True)
    compare_files(Path(linux.base) / sample, Path(windows.base) / sample,
                  f"{sample}: cartella dopo la chiusura", masked=True)
    for build in (linux, windows):
        no_carriage_returns(Path(build.base) / sample, f"{sample}: {build.name}")
    cross_checks(linux, windows, sample)


def run_step(linux, windows, sample, args, masked=False, expect=0, wrap=False):
    compare_run(linux, windows, sample, args, expect=expect, masked=masked, wrap=wrap)


def cross_checks(linux, windows, sample):
    """Each program on the other's folder."""
    win_call = Path(windows.base) / sample
    lin_call = Path(linux.base) / sample
    verbale = win_call / "verbali" / "verbale-01-s1.pdf"
    again = Path(linux.base).parent / "da-linux" / f"{sample}-verbale-01-s1.pdf"
    again.parent.mkdir(exist_ok=True)
    code = subprocess.run(linux.command + ["minutes", str(win_call), "--session", "s1", "-o",
                                           str(again)], capture_output=True).returncode
    same = code == 0 and again.read_bytes() == verbale.read_bytes()
    report(same, f"{sample}: il verbale chiuso su Windows, riscritto su Linux, è lo stesso byte per byte")
    for build, call, pdf in [
        (linux, win_call, verbale),
        (windows, lin_call, lin_call / "verbali" / "verbale-01-s1.pdf"),
    ]:
        other = "Windows" if build is linux else "Linux"
        as_text = str(call) if build is linux else "Z:" + str(call).replace("/", "\\")
        pdf_text = str(pdf) if build is linux else "Z:" + str(pdf).replace("/", "\\")
        for args in (["verify", as_text, pdf_text], ["registro", as_text]):
            r = subprocess.run(build.command + args, capture_output=True)
            report(r.returncode == 0,
                   f"{sample}: {build.name} {args[0]} sulla cartella scritta da {other}",
                   r.stdout.decode(errors="replace") + r.stderr.decode(errors="replace"))


def errors(linux, windows):
    """A broken file, a misused command, the help: the same words and exit codes."""
    sample = "rotto"
    for build in (linux, windows):
        shutil.rmtree(Path(build.base) / sample, ignore_errors=True)
    run_step(linux, windows, sample, ["sample", "sondrio-coworking", "{call}"])
    for build in (linux, windows):
        broken = Path(build.base) / sample / "candidature" / "2026-0005873.ron"
        text = broken.read_text(encoding="utf-8").replace('requested: "127500.00"', 'requested: "127.500,00"')
        broken.write_text(text, encoding="utf-8", newline="\n")
    run_step(linux, windows, sample, ["check", "{call}"], expect=1)
    run_step(linux, windows, sample, ["rank", "{call}"], expect=1)
    run_step(linux, windows, sample, ["rank"], expect=2)
    run_step(linux, windows, sample, ["valuta", "{call}"], expect=2)
    run_step(linux, windows, sample, ["--help"], wrap=True)
    run_step(linux, windows, sample, ["check", "{call}/non-esiste"], expect=1)


def main():
    linux_exe, windows_exe, work = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    # A draft (verbale, graduatoria, workbook) is dated by the moment of its export: both
    # programs are given the same moment, as a script making the same draft twice does.
    os.environ["SOURCE_DATE_EPOCH"] = "1773910800"
    prefix = Path(os.environ["WINEPREFIX"])
    docs = prefix / "drive_c" / "users" / "Mario Rossi" / "Documenti"
    linux = Build("Linux", [linux_exe], str(work / "linux" / "Bando è 2026"),
                  str(work / "linux" / "Bando è 2026"), str(work / "linux" / "importazione"),
                  str(work / "linux" / "importazione"), "/")
    windows = Build("Windows", ["wine", windows_exe], str(docs / "Bando è 2026"), WIN_BASE,
                    str(docs / "importazione"), WIN_IMPORT, "\\")
    repo = Path(__file__).resolve().parents[2]
    for build in (linux, windows):
        Path(build.base).mkdir(parents=True, exist_ok=True)
        shutil.rmtree(build.imports, ignore_errors=True)
        shutil.copytree(repo / "assets" / "import", build.imports)
    for sample in SAMPLES:
        flow(linux, windows, sample)
    errors(linux, windows)
    print(f"\n{checks - len(failures)} controlli su {checks} superati.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
