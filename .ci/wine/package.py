#!/usr/bin/env python3
"""Checks the portable folder and its zip (bash .ci/package-windows): exactly the files a Comune
needs, commissione.exe a 64-bit program for the Windows subsystem (no console window), stripped,
with its icon, its version information and its manifest, the guide readable by Notepad.

    package.py DIST_DIR REPO_DIR
"""

import re
import struct
import sys
import zipfile
from pathlib import Path

SAMPLES = ["sondrio-coworking", "milano-quartieri-connessi", "milano-hub-innovazione"]
RT_ICON, RT_GROUP_ICON, RT_VERSION, RT_MANIFEST = 3, 14, 16, 24

failures = []


def check(ok, what, detail=""):
    print(f"{'ok' if ok else 'FALLITO':9} {what}" + ("" if ok or not detail else f": {detail}"))
    if not ok:
        failures.append(what)


class Pe:
    """The few parts of a PE file looked at here."""

    def __init__(self, data):
        self.data = data
        pe = struct.unpack_from("<I", data, 0x3C)[0]
        if data[pe:pe + 4] != b"PE\0\0":
            raise ValueError("non è un file PE")
        (self.machine, sections, _, self.symbol_table, self.symbols, optional_size, _) = (
            struct.unpack_from("<HHIIIHH", data, pe + 4))
        optional = pe + 24
        self.magic = struct.unpack_from("<H", data, optional)[0]
        self.subsystem = struct.unpack_from("<H", data, optional + 68)[0]
        resource_rva = struct.unpack_from("<I", data, optional + 112 + 2 * 8)[0]
        self.sections = []
        table = optional + optional_size
        for i in range(sections):
            name, vsize, rva, raw_size, raw = struct.unpack_from("<8sIIII", data, table + 40 * i)
            self.sections.append((name.rstrip(b"\0").decode(), rva, max(vsize, raw_size), raw))
        self.resource_base = self.offset(resource_rva) if resource_rva else None

    def offset(self, rva):
        for _, start, size, raw in self.sections:
            if start <= rva < start + size:
                return rva - start + raw
        raise ValueError(f"RVA {rva:#x} fuori dalle sezioni")

    def directory(self, at):
        named, ids = struct.unpack_from("<HH", self.data, at + 12)
        for i in range(named + ids):
            name, target = struct.unpack_from("<II", self.data, at + 16 + 8 * i)
            yield name, target

    def resources(self):
        """{type id: [data bytes of each resource of that type]}."""
        found = {}
        if self.resource_base is None:
            return found
        base = self.resource_base

        def leaves(target):
            if target & 0x80000000:
                for _, sub in self.directory(base + (target & 0x7FFFFFFF)):
                    yield from leaves(sub)
            else:
                rva, size = struct.unpack_from("<II", self.data, base + target)
                start = self.offset(rva)
                yield self.data[start:start + size]

        for kind, target in self.directory(base):
            if not kind & 0x80000000:
                found[kind] = list(leaves(target))
        return found


def version_strings(block):
    """The key → value pairs of a VS_VERSIONINFO's string table."""
    text = block.decode("utf-16-le", errors="replace")
    tokens = [t for t in re.split("\0+", text) if t]
    keys = ["ProductName", "FileDescription", "FileVersion", "ProductVersion", "OriginalFilename",
            "LegalCopyright", "InternalName", "Comments"]
    pairs = {}
    for i, token in enumerate(tokens[:-1]):
        for key in keys:
            if token.endswith(key):
                pairs[key] = tokens[i + 1].strip()
    return pairs


def main():
    dist, repo = Path(sys.argv[1]), Path(sys.argv[2])
    version = re.search(r'^version = "(.*)"$', (repo / "Cargo.toml").read_text(), re.M).group(1)
    folder = dist / "Commissione"
    expected = {"commissione.exe", "LEGGIMI.txt", "licenze/LICENSE-Liberation.txt"}
    for sample in SAMPLES:
        for f in (repo / "sample-data" / sample).rglob("*"):
            if f.is_file():
                expected.add(f"esempi/{sample}/{f.relative_to(repo / 'sample-data' / sample).as_posix()}")
        for f in (repo / "assets" / "import" / sample).iterdir():
            expected.add(f"esempi/importazione/{sample}/{f.name}")
    present = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    check(present == expected, f"la cartella contiene i {len(expected)} file attesi",
          f"mancano {sorted(expected - present)}, in più {sorted(present - expected)}")
    for rel in expected & present:
        source = None
        if rel.startswith("esempi/importazione/"):
            source = repo / "assets" / "import" / rel.removeprefix("esempi/importazione/")
        elif rel.startswith("esempi/"):
            source = repo / "sample-data" / rel.removeprefix("esempi/")
        if source is not None and source.read_bytes() != (folder / rel).read_bytes():
            check(False, f"{rel} è la copia di {source.relative_to(repo)}")

    zip_path = dist / f"Commissione-{version}-windows.zip"
    with zipfile.ZipFile(zip_path) as z:
        names = {n.removeprefix("Commissione/") for n in z.namelist() if not n.endswith("/")}
        check(names == present, f"{zip_path.name} contiene la stessa cartella",
              f"differenze: {sorted(names ^ present)}")
        check(z.read("Commissione/commissione.exe") == (folder / "commissione.exe").read_bytes(),
              f"{zip_path.name}: lo stesso commissione.exe")
        check(z.testzip() is None, f"{zip_path.name} è integro")

    exe = (folder / "commissione.exe").read_bytes()
    pe = Pe(exe)
    check(pe.machine == 0x8664 and pe.magic == 0x20B, "commissione.exe è un programma Windows a 64 bit")
    check(pe.subsystem == 2, "commissione.exe è per il sottosistema Windows: nessuna console al doppio clic",
          f"sottosistema {pe.subsystem}")
    debug = [name for name, *_ in pe.sections if name.startswith((".debug", "/"))]
    check(pe.symbols == 0 and not debug, "commissione.exe è senza simboli (strip)",
          f"{pe.symbols} simboli, sezioni {debug}")
    resources = pe.resources()
    icons = resources.get(RT_GROUP_ICON, [])
    sizes = []
    if icons:
        count = struct.unpack_from("<H", icons[0], 4)[0]
        sizes = [icons[0][6 + 14 * i] or 256 for i in range(count)]
    check(bool(icons) and RT_ICON in resources and 16 in sizes and 256 in sizes,
          f"commissione.exe ha l'icona ({', '.join(map(str, sizes))} pixel)")
    strings = version_strings(resources.get(RT_VERSION, [b""])[0])
    check(strings.get("ProductName") == "Commissione" and strings.get("FileVersion") == version
          and strings.get("OriginalFilename") == "commissione.exe",
          f"commissione.exe ha le informazioni sulla versione ({strings.get('ProductName')} "
          f"{strings.get('FileVersion')})", str(strings))
    manifest = b"".join(resources.get(RT_MANIFEST, []))
    check(b'level="asInvoker"' in manifest and b"longPathAware" in manifest,
          "commissione.exe ha il manifesto (nessuna richiesta di amministratore, percorsi lunghi)")

    guide = (folder / "LEGGIMI.txt").read_bytes()
    lines = guide.split(b"\n")[:-1]
    check(guide.startswith(b"\xef\xbb\xbf") and all(line.endswith(b"\r") for line in lines)
          and guide.endswith(b"\r\n"),
          "LEGGIMI.txt si legge con Blocco note (UTF-8 con BOM, righe CRLF)")
    text = guide.decode("utf-8-sig")
    check(f"Versione {version}" in text and "@VERSION@" not in text, "LEGGIMI.txt porta la versione")
    print(f"          commissione.exe: {len(exe) / 1e6:.1f} MB ({len(exe)} byte); "
          f"{zip_path.name}: {zip_path.stat().st_size / 1e6:.1f} MB")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
