//! The requirements of ISO 19005-2 (PDF/A-2, level A) that our documents must meet, each
//! checked on the file itself with lopdf, since no validator (veraPDF) can be installed here.
//! Each check names its clause; `check` runs them all and returns every failure.
//!
//! Checked: 6.1.2 header; 6.1.3 trailer (ID, no Encrypt, nothing after %%EOF); 6.1.7 streams
//! (no external files, no LZW); 6.1.13 implementation limits (objects, strings, names);
//! 6.2.2 output intent with an embedded ICC profile of the right colour space; 6.2.4.3 device
//! colours only with an output intent; 6.2.11.4 fonts embedded; 6.2.11.4.2 CIDSet complete;
//! 6.2.11.5 widths consistent with the font program; 6.2.11.3.3 CIDToGIDMap; 6.2.11.7 ToUnicode
//! for every glyph shown; 6.2.11.8 no .notdef shown; 6.2.9/6.2.10 no transparency, no
//! annotations or actions; 6.6.2 metadata stream (unfiltered, xpacket, pdfaid part 2
//! conformance A); 6.6.2.3 document information equal to its XMP properties; 6.7.2 MarkInfo
//! Marked true; 6.7.3 structure tree with a parent tree that accounts for every marked content
//! id; every text operator inside marked content or an artifact; 6.7.3.4 standard structure
//! types; 6.7.4 language of the document (it-IT); tables with header cells that have a Scope.

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

const STANDARD_TYPES: &[&str] = &[
    "Document",
    "Part",
    "Art",
    "Sect",
    "Div",
    "BlockQuote",
    "Caption",
    "TOC",
    "TOCI",
    "Index",
    "NonStruct",
    "Private",
    "P",
    "H",
    "H1",
    "H2",
    "H3",
    "H4",
    "H5",
    "H6",
    "L",
    "LI",
    "Lbl",
    "LBody",
    "Table",
    "TR",
    "TH",
    "TD",
    "THead",
    "TBody",
    "TFoot",
    "Span",
    "Quote",
    "Note",
    "Reference",
    "BibEntry",
    "Code",
    "Link",
    "Annot",
    "Ruby",
    "RB",
    "RT",
    "RP",
    "Warichu",
    "WT",
    "WP",
    "Figure",
    "Formula",
    "Form",
];

fn name(o: &Object) -> Option<String> {
    o.as_name()
        .ok()
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

fn dict<'d>(doc: &'d Document, o: &'d Object) -> Option<&'d Dictionary> {
    match o {
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    }
}

fn text(o: &Object) -> Option<String> {
    let bytes = o.as_str().ok()?;
    Some(match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(u) => {
            let units: Vec<u16> = u
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    })
}

/// The content of an XMP element, with the entities XML escapes read back.
fn xml_value(xmp: &str, tag: &str) -> Option<String> {
    let start = xmp.find(&format!("<{tag}>"))? + tag.len() + 2;
    let end = xmp[start..].find(&format!("</{tag}>"))? + start;
    let mut inner = xmp[start..end].trim().to_string();
    // An rdf:Alt or rdf:Seq holds its single value in rdf:li.
    if let Some(li) = inner.find("<rdf:li") {
        let from = inner[li..].find('>')? + li + 1;
        let to = inner[from..].find("</rdf:li>")? + from;
        inner = inner[from..to].to_string();
    }
    Some(
        inner
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&"),
    )
}

/// "D:20261121103000+01'00'" and "2026-11-21T10:30:00+01:00" as one comparable form.
fn pdf_date_as_xmp(d: &str) -> String {
    let d = d.trim_start_matches("D:");
    format!(
        "{}-{}-{}T{}:{}:{}{}:{}",
        &d[0..4],
        &d[4..6],
        &d[6..8],
        &d[8..10],
        &d[10..12],
        &d[12..14],
        &d[14..17],
        &d[18..20]
    )
}

/// A TrueType program's glyph count and advance widths, from its own tables.
struct Program {
    glyphs: u16,
    per_em: u16,
    advances: Vec<u16>,
}

fn program(bytes: &[u8]) -> Option<Program> {
    let u16_at = |at: usize| -> Option<u16> {
        Some(u16::from_be_bytes([*bytes.get(at)?, *bytes.get(at + 1)?]))
    };
    let u32_at = |at: usize| -> Option<u32> {
        Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
    };
    let tables = u16_at(4)?;
    let mut find = BTreeMap::new();
    for i in 0..usize::from(tables) {
        let rec = 12 + 16 * i;
        let tag = bytes.get(rec..rec + 4)?.to_vec();
        find.insert(tag, u32_at(rec + 8)? as usize);
    }
    let head = *find.get(b"head".as_slice())?;
    let hhea = *find.get(b"hhea".as_slice())?;
    let maxp = *find.get(b"maxp".as_slice())?;
    let hmtx = *find.get(b"hmtx".as_slice())?;
    let per_em = u16_at(head + 18)?;
    let metrics = u16_at(hhea + 34)?;
    let glyphs = u16_at(maxp + 4)?;
    let mut advances = Vec::new();
    let mut last = 0;
    for g in 0..glyphs {
        if g < metrics {
            last = u16_at(hmtx + 4 * usize::from(g))?;
        }
        advances.push(last);
    }
    Some(Program {
        glyphs,
        per_em,
        advances,
    })
}

/// The glyph ids of a hexadecimal two-byte string.
fn glyph_ids(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks_exact(2)
        .map(|c| u16::from_be_bytes([c[0], c[1]]))
        .collect()
}

struct Font {
    widths: BTreeMap<u16, i64>,
    unicode: BTreeSet<u16>,
    program: Option<Program>,
}

fn fonts(
    doc: &Document,
    resources: &Dictionary,
    failures: &mut Vec<String>,
) -> BTreeMap<Vec<u8>, Font> {
    let mut out = BTreeMap::new();
    let Some(font_dict) = resources.get(b"Font").ok().and_then(|f| dict(doc, f)) else {
        return out;
    };
    for (key, value) in font_dict.iter() {
        let Some(type0) = dict(doc, value) else {
            failures.push("font non leggibile".into());
            continue;
        };
        let descendant = type0
            .get(b"DescendantFonts")
            .ok()
            .and_then(|d| d.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|d| dict(doc, d));
        let Some(cid) = descendant else {
            failures.push("6.2.11: font senza DescendantFonts".into());
            continue;
        };
        if cid.get(b"Subtype").ok().and_then(name).as_deref() == Some("CIDFontType2")
            && cid.get(b"CIDToGIDMap").is_err()
        {
            failures.push("6.2.11.3.3: CIDFontType2 senza CIDToGIDMap".into());
        }
        let descriptor = cid.get(b"FontDescriptor").ok().and_then(|d| dict(doc, d));
        let mut program_data = None;
        if let Some(desc) = descriptor {
            match desc
                .get(b"FontFile2")
                .ok()
                .and_then(|f| f.as_reference().ok())
            {
                Some(id) => {
                    if let Ok(Object::Stream(s)) = doc.get_object(id) {
                        program_data = s
                            .decompressed_content()
                            .ok()
                            .or_else(|| Some(s.content.clone()));
                    }
                }
                None => failures.push("6.2.11.4.1: programma del carattere non incorporato".into()),
            }
            if let Some(prog) = program_data.as_deref().and_then(program) {
                if let Ok(id) = desc.get(b"CIDSet").and_then(Object::as_reference)
                    && let Ok(Object::Stream(s)) = doc.get_object(id)
                {
                    let bits = s
                        .decompressed_content()
                        .unwrap_or_else(|_| s.content.clone());
                    for g in 0..prog.glyphs {
                        let byte = bits.get(usize::from(g / 8)).copied().unwrap_or(0);
                        if byte & (0x80 >> (g % 8)) == 0 {
                            failures.push(format!(
                                "6.2.11.4.2: CIDSet senza il glifo {g} presente nel programma"
                            ));
                        }
                    }
                }
            } else {
                failures.push("6.2.11.4: programma TrueType non leggibile".into());
            }
        } else {
            failures.push("6.2.11: font senza FontDescriptor".into());
        }
        let mut widths = BTreeMap::new();
        if let Ok(w) = cid.get(b"W").and_then(Object::as_array) {
            let mut i = 0;
            while i + 1 < w.len() {
                let first = w[i].as_i64().unwrap_or(0);
                match &w[i + 1] {
                    Object::Array(list) => {
                        for (k, v) in list.iter().enumerate() {
                            let v = v
                                .as_i64()
                                .or_else(|_| v.as_float().map(|f| f as i64))
                                .unwrap_or(0);
                            widths.insert((first + k as i64) as u16, v);
                        }
                        i += 2;
                    }
                    _ => {
                        let last = w[i + 1].as_i64().unwrap_or(0);
                        let v = w.get(i + 2).and_then(|v| v.as_i64().ok()).unwrap_or(0);
                        for g in first..=last {
                            widths.insert(g as u16, v);
                        }
                        i += 3;
                    }
                }
            }
        }
        let mut unicode = BTreeSet::new();
        match type0.get(b"ToUnicode").and_then(Object::as_reference) {
            Ok(id) => {
                if let Ok(Object::Stream(s)) = doc.get_object(id) {
                    let cmap =
                        String::from_utf8_lossy(&s.decompressed_content().unwrap_or_default())
                            .into_owned();
                    let mut in_chars = false;
                    for line in cmap.lines() {
                        if line.ends_with("beginbfchar") {
                            in_chars = true;
                        } else if line == "endbfchar" {
                            in_chars = false;
                        } else if in_chars
                            && let Some(hex) = line.strip_prefix('<')
                            && let Ok(g) = u16::from_str_radix(&hex[..4], 16)
                        {
                            unicode.insert(g);
                        }
                    }
                }
            }
            Err(_) => failures.push("6.2.11.7.2: font senza ToUnicode".into()),
        }
        out.insert(
            key.clone(),
            Font {
                widths,
                unicode,
                program: program_data.as_deref().and_then(program),
            },
        );
    }
    out
}

/// Every requirement above, on one file: the list of what fails.
pub fn check(pdf: &[u8]) -> Vec<String> {
    let mut failures = Vec::new();
    // 6.1.2
    if !pdf.starts_with(b"%PDF-1.") {
        failures.push("6.1.2: l'intestazione non è %PDF-1.n".into());
    }
    let second = pdf.split(|&b| b == b'\n').nth(1).unwrap_or_default();
    if !(second.starts_with(b"%") && second.iter().filter(|&&b| b > 127).count() >= 4) {
        failures.push("6.1.2: manca il commento binario dopo l'intestazione".into());
    }
    // 6.1.3
    let tail = &pdf[pdf.len().saturating_sub(8)..];
    if !(tail.ends_with(b"%%EOF\n") || tail.ends_with(b"%%EOF\r\n") || tail.ends_with(b"%%EOF")) {
        failures.push("6.1.3: dati dopo l'ultimo %%EOF".into());
    }
    let doc = match Document::load_mem(pdf) {
        Ok(doc) => doc,
        Err(e) => return vec![format!("il file non si legge: {e}")],
    };
    match doc.trailer.get(b"ID").and_then(Object::as_array) {
        Ok(id) if id.len() == 2 => {}
        _ => failures.push("6.1.3: il trailer non ha l'ID".into()),
    }
    if doc.trailer.get(b"Encrypt").is_ok() {
        failures.push("6.1.3: il file è cifrato".into());
    }
    // 6.1.7, 6.1.13, 6.2.9, 6.2.10
    if doc.objects.len() > 8_388_607 {
        failures.push("6.1.13: più di 8.388.607 oggetti indiretti".into());
    }
    for (id, object) in &doc.objects {
        let check_dict = |d: &Dictionary, failures: &mut Vec<String>| {
            for (k, v) in d.iter() {
                if k.len() > 127 {
                    failures.push(format!("6.1.13: nome troppo lungo in {id:?}"));
                }
                if let Object::String(s, _) = v
                    && s.len() > 32767
                {
                    failures.push(format!("6.1.13: stringa troppo lunga in {id:?}"));
                }
                let key = k.as_slice();
                if matches!(
                    key,
                    b"JS"
                        | b"JavaScript"
                        | b"AA"
                        | b"Annots"
                        | b"SMask"
                        | b"Group"
                        | b"OCProperties"
                        | b"EmbeddedFiles"
                ) {
                    failures.push(format!(
                        "6.2/6.5/6.6: chiave {} non ammessa in {id:?}",
                        String::from_utf8_lossy(key)
                    ));
                }
            }
        };
        match object {
            Object::Dictionary(d) => check_dict(d, &mut failures),
            Object::Stream(s) => {
                check_dict(&s.dict, &mut failures);
                for key in [&b"F"[..], b"FFilter", b"FDecodeParms"] {
                    if s.dict.has(key) {
                        failures.push(format!("6.1.7: stream con file esterno in {id:?}"));
                    }
                }
                if s.dict.get(b"Filter").ok().and_then(name).as_deref() == Some("LZWDecode") {
                    failures.push(format!("6.1.7: filtro LZW in {id:?}"));
                }
            }
            _ => {}
        }
    }
    let Ok(catalog) = doc.catalog() else {
        return vec!["il catalogo non si legge".into()];
    };
    // 6.2.2
    let intents = catalog
        .get(b"OutputIntents")
        .ok()
        .and_then(|o| o.as_array().ok());
    let mut output_intent = false;
    for intent in intents.into_iter().flatten() {
        let Some(intent) = dict(&doc, intent) else {
            continue;
        };
        if intent.get(b"S").ok().and_then(name).as_deref() != Some("GTS_PDFA1") {
            continue;
        }
        output_intent = true;
        match intent
            .get(b"DestOutputProfile")
            .and_then(Object::as_reference)
        {
            Ok(id) => match doc.get_object(id) {
                Ok(Object::Stream(s)) => {
                    let icc = s
                        .decompressed_content()
                        .unwrap_or_else(|_| s.content.clone());
                    let space = icc.get(16..20).unwrap_or_default();
                    let n = s.dict.get(b"N").and_then(Object::as_i64).unwrap_or(0);
                    let expected = match space {
                        b"RGB " => 3,
                        b"GRAY" => 1,
                        b"CMYK" => 4,
                        _ => -1,
                    };
                    if n != expected {
                        failures
                            .push("6.2.2: /N del profilo ICC diverso dal suo spazio colore".into());
                    }
                    let version = icc.get(8).copied().unwrap_or(0);
                    if !(2..=4).contains(&version) || icc.get(36..40) != Some(b"acsp") {
                        failures.push("6.2.2: profilo ICC non valido".into());
                    }
                    if !matches!(icc.get(12..16), Some(b"mntr" | b"prtr")) {
                        failures.push("6.2.2: il profilo ICC non è di uscita (mntr o prtr)".into());
                    }
                }
                _ => failures.push("6.2.2: DestOutputProfile non è uno stream".into()),
            },
            Err(_) => failures.push("6.2.2: OutputIntent senza DestOutputProfile".into()),
        }
    }
    if !output_intent {
        failures.push(
            "6.2.2: manca l'OutputIntent GTS_PDFA1 (e con esso l'uso di DeviceGray, 6.2.4.3)"
                .into(),
        );
    }
    // 6.6.2
    let mut xmp = String::new();
    match catalog.get(b"Metadata").and_then(Object::as_reference) {
        Ok(id) => match doc.get_object(id) {
            Ok(Object::Stream(s)) => {
                if s.dict.has(b"Filter") {
                    failures.push("6.6.2.1: lo stream dei metadati è compresso".into());
                }
                if s.dict.get(b"Type").ok().and_then(name).as_deref() != Some("Metadata")
                    || s.dict.get(b"Subtype").ok().and_then(name).as_deref() != Some("XML")
                {
                    failures.push("6.6.2.1: metadati senza Type/Metadata e Subtype/XML".into());
                }
                xmp = String::from_utf8_lossy(&s.content).into_owned();
            }
            _ => failures.push("6.6.2.1: Metadata non è uno stream".into()),
        },
        Err(_) => failures.push("6.6.2.1: il catalogo non ha Metadata".into()),
    }
    if !xmp.starts_with("<?xpacket begin=") || !xmp.contains("<?xpacket end=") {
        failures.push("6.6.2.1: il pacchetto XMP non ha l'intestazione xpacket".into());
    }
    if xml_value(&xmp, "pdfaid:part").as_deref() != Some("2")
        || xml_value(&xmp, "pdfaid:conformance").as_deref() != Some("A")
    {
        failures.push("6.6.4: l'identificazione PDF/A non è parte 2, livello A".into());
    }
    // 6.6.2.3
    let info = doc.trailer.get(b"Info").ok().and_then(|i| dict(&doc, i));
    match info {
        Some(info) => {
            let pairs = [
                (&b"Title"[..], "dc:title"),
                (b"Author", "dc:creator"),
                (b"Subject", "dc:description"),
                (b"Keywords", "pdf:Keywords"),
                (b"Creator", "xmp:CreatorTool"),
                (b"Producer", "pdf:Producer"),
            ];
            for (key, property) in pairs {
                if let Some(value) = info.get(key).ok().and_then(text)
                    && xml_value(&xmp, property).as_deref() != Some(value.as_str())
                {
                    failures.push(format!(
                        "6.6.2.3: {} del documento diverso da {property} dei metadati",
                        String::from_utf8_lossy(key)
                    ));
                }
            }
            for (key, property) in [
                (&b"CreationDate"[..], "xmp:CreateDate"),
                (b"ModDate", "xmp:ModifyDate"),
            ] {
                if let Some(value) = info.get(key).ok().and_then(text)
                    && xml_value(&xmp, property).as_deref()
                        != Some(pdf_date_as_xmp(&value).as_str())
                {
                    failures.push(format!(
                        "6.6.2.3: {} del documento diversa da {property}",
                        String::from_utf8_lossy(key)
                    ));
                }
            }
        }
        None => failures.push("il trailer non ha Info".into()),
    }
    // 6.7.2, 6.7.4
    let marked = catalog
        .get(b"MarkInfo")
        .ok()
        .and_then(|m| dict(&doc, m))
        .and_then(|m| m.get(b"Marked").ok())
        .and_then(|m| m.as_bool().ok());
    if marked != Some(true) {
        failures.push("6.7.2.2: MarkInfo non dice Marked true".into());
    }
    if catalog.get(b"Lang").ok().and_then(text).as_deref() != Some("it-IT") {
        failures.push("6.7.4: la lingua del documento non è it-IT".into());
    }
    // 6.7.3: structure tree, parent tree, types.
    let Some(root) = catalog
        .get(b"StructTreeRoot")
        .ok()
        .and_then(|r| dict(&doc, r))
    else {
        failures.push("6.7.3: il catalogo non ha StructTreeRoot".into());
        return failures;
    };
    let mut parent_tree: BTreeMap<i64, Vec<ObjectId>> = BTreeMap::new();
    if let Some(tree) = root.get(b"ParentTree").ok().and_then(|t| dict(&doc, t)) {
        let mut nodes = vec![tree.clone()];
        while let Some(node) = nodes.pop() {
            if let Ok(nums) = node.get(b"Nums").and_then(Object::as_array) {
                for pair in nums.chunks(2) {
                    let key = pair[0].as_i64().unwrap_or(-1);
                    let value = match &pair[1] {
                        Object::Reference(id) => doc.get_object(*id).ok().cloned(),
                        o => Some(o.clone()),
                    };
                    let refs = value
                        .and_then(|v| v.as_array().ok().cloned())
                        .unwrap_or_default()
                        .iter()
                        .filter_map(|r| r.as_reference().ok())
                        .collect();
                    parent_tree.insert(key, refs);
                }
            }
            if let Ok(kids) = node.get(b"Kids").and_then(Object::as_array) {
                nodes.extend(kids.iter().filter_map(|k| dict(&doc, k)).cloned());
            }
        }
    } else {
        failures.push("6.7.3: StructTreeRoot senza ParentTree".into());
    }
    let mut header_cells = 0;
    for (id, object) in &doc.objects {
        let Object::Dictionary(d) = object else {
            continue;
        };
        if d.get(b"Type").ok().and_then(name).as_deref() != Some("StructElem") {
            continue;
        }
        let Some(s) = d.get(b"S").ok().and_then(name) else {
            failures.push(format!("6.7.3: elemento senza tipo {id:?}"));
            continue;
        };
        if !STANDARD_TYPES.contains(&s.as_str()) {
            failures.push(format!("6.7.3.4: tipo di struttura non standard /{s}"));
        }
        if s == "TH" {
            header_cells += 1;
            let scope = d
                .get(b"A")
                .ok()
                .and_then(|a| dict(&doc, a))
                .and_then(|a| a.get(b"Scope").ok())
                .and_then(name);
            if scope.is_none() {
                failures.push("tabella: cella d'intestazione TH senza Scope".into());
            }
        }
        if matches!(s.as_str(), "TH" | "TD") {
            let parent = d.get(b"P").and_then(Object::as_reference).ok();
            let parent_type = parent
                .and_then(|p| doc.get_dictionary(p).ok())
                .and_then(|p| p.get(b"S").ok())
                .and_then(name);
            if parent_type.as_deref() != Some("TR") {
                failures.push(format!("tabella: {s} fuori da una riga TR"));
            }
        }
    }
    let _ = header_cells;
    // Every page: StructParents, its marked content ids all in the parent tree, every text
    // operator inside marked content.
    let mut fonts_seen: BTreeMap<Vec<u8>, Font> = BTreeMap::new();
    for (number, page_id) in doc.get_pages() {
        let Ok(page) = doc.get_dictionary(page_id) else {
            continue;
        };
        if page.has(b"Annots") {
            failures.push(format!("6.3: annotazioni a pagina {number}"));
        }
        if let Some(resources) = page.get(b"Resources").ok().and_then(|r| dict(&doc, r))
            && fonts_seen.is_empty()
        {
            fonts_seen = fonts(&doc, resources, &mut failures);
        }
        let key = page.get(b"StructParents").and_then(Object::as_i64).ok();
        let Some(key) = key else {
            failures.push(format!("6.7.3: pagina {number} senza StructParents"));
            continue;
        };
        let parents = parent_tree.get(&key).cloned().unwrap_or_default();
        let content = doc.get_page_content(page_id);
        let Ok(content) = Content::decode(&content) else {
            failures.push(format!("pagina {number}: contenuto non decodificabile"));
            continue;
        };
        let mut stack: Vec<Option<i64>> = Vec::new();
        let mut mcids = BTreeSet::new();
        let mut font: Vec<u8> = Vec::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" | "BMC" => {
                    let mcid = op
                        .operands
                        .get(1)
                        .and_then(|p| dict(&doc, p))
                        .and_then(|p| p.get(b"MCID").ok())
                        .and_then(|m| m.as_i64().ok());
                    let artifact =
                        op.operands.first().and_then(name).as_deref() == Some("Artifact");
                    if let Some(m) = mcid
                        && !mcids.insert(m)
                    {
                        failures.push(format!("pagina {number}: MCID {m} ripetuto"));
                    }
                    stack.push(if artifact { Some(-1) } else { mcid });
                }
                "EMC" => {
                    stack.pop();
                }
                "Tf" => {
                    font = op
                        .operands
                        .first()
                        .and_then(|f| f.as_name().ok())
                        .unwrap_or_default()
                        .to_vec();
                }
                "Tj" | "TJ" | "'" | "\"" => {
                    if !stack.iter().any(Option::is_some) {
                        failures.push(format!(
                            "6.7.3: testo fuori dal contenuto marcato a pagina {number}"
                        ));
                    }
                    let strings: Vec<&Object> = match op.operator.as_str() {
                        "TJ" => op
                            .operands
                            .first()
                            .and_then(|a| a.as_array().ok())
                            .into_iter()
                            .flatten()
                            .collect(),
                        _ => op.operands.iter().collect(),
                    };
                    let f = fonts_seen.get(&font);
                    for s in strings {
                        let Ok(bytes) = s.as_str() else { continue };
                        for g in glyph_ids(bytes) {
                            if g == 0 {
                                failures.push(format!("6.2.11.8: glifo .notdef a pagina {number}"));
                            }
                            if let Some(f) = f {
                                if !f.unicode.contains(&g) {
                                    failures.push(format!(
                                        "6.2.11.7.2: glifo {g} senza ToUnicode a pagina {number}"
                                    ));
                                }
                                if let (Some(prog), Some(w)) = (&f.program, f.widths.get(&g)) {
                                    let real =
                                        prog.advances.get(usize::from(g)).copied().unwrap_or(0);
                                    let expected =
                                        (i64::from(real) * 1000) as f64 / f64::from(prog.per_em);
                                    if (*w as f64 - expected).abs() > 1.0 {
                                        failures.push(format!("6.2.11.5: larghezza del glifo {g} incoerente ({w} contro {expected:.1})"));
                                    }
                                } else if f.program.is_some() {
                                    failures.push(format!("6.2.11.5: glifo {g} senza larghezza"));
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        if mcids.len() != parents.len() || mcids.iter().enumerate().any(|(i, m)| *m != i as i64) {
            failures.push(format!(
                "6.7.3: pagina {number}: {} MCID nel contenuto, {} nell'albero dei genitori",
                mcids.len(),
                parents.len()
            ));
        }
        for (mcid, element) in parents.iter().enumerate() {
            let Ok(e) = doc.get_dictionary(*element) else {
                failures.push(format!(
                    "6.7.3: pagina {number}: l'MCID {mcid} rimanda a un elemento inesistente"
                ));
                continue;
            };
            let kids = match e.get(b"K") {
                Ok(Object::Array(a)) => a.clone(),
                Ok(o) => vec![o.clone()],
                Err(_) => Vec::new(),
            };
            let found = kids.iter().any(|k| match k {
                Object::Integer(m) => {
                    *m == mcid as i64
                        && e.get(b"Pg").and_then(Object::as_reference).ok() == Some(page_id)
                }
                o => dict(&doc, o).is_some_and(|d| {
                    d.get(b"MCID").and_then(Object::as_i64).ok() == Some(mcid as i64)
                        && d.get(b"Pg").and_then(Object::as_reference).ok() == Some(page_id)
                }),
            });
            if !found {
                failures.push(format!(
                    "6.7.3: pagina {number}: l'elemento dell'MCID {mcid} non lo contiene"
                ));
            }
        }
    }
    failures.sort();
    failures.dedup();
    failures
}

/// Fails the test with every requirement the file misses.
pub fn assert_pdfa(what: &str, pdf: &[u8]) {
    let failures = check(pdf);
    assert!(
        failures.is_empty(),
        "{what} non è PDF/A-2a:\n{}",
        failures.join("\n")
    );
}

/// Each font resource's map from glyph id to text, read from its ToUnicode CMap.
fn unicode_maps(
    doc: &Document,
    resources: &Dictionary,
) -> BTreeMap<Vec<u8>, BTreeMap<u16, String>> {
    let mut out = BTreeMap::new();
    let Some(fonts) = resources.get(b"Font").ok().and_then(|f| dict(doc, f)) else {
        return out;
    };
    for (key, value) in fonts.iter() {
        let mut map = BTreeMap::new();
        if let Some(font) = dict(doc, value)
            && let Ok(id) = font.get(b"ToUnicode").and_then(Object::as_reference)
            && let Ok(Object::Stream(s)) = doc.get_object(id)
        {
            let cmap =
                String::from_utf8_lossy(&s.decompressed_content().unwrap_or_default()).into_owned();
            for line in cmap.lines() {
                let parts: Vec<&str> = line
                    .split(['<', '>', ' '])
                    .filter(|p| !p.is_empty())
                    .collect();
                if parts.len() == 2
                    && let (Ok(g), Ok(u)) = (
                        u16::from_str_radix(parts[0], 16),
                        u32::from_str_radix(parts[1], 16),
                    )
                    && parts[0].len() == 4
                {
                    map.insert(g, char::from_u32(u).map(String::from).unwrap_or_default());
                }
            }
        }
        out.insert(key.clone(), map);
    }
    out
}

/// The text of one page, decoded through the fonts' ToUnicode maps, artifacts included.
pub fn page_texts(pdf: &[u8]) -> Vec<String> {
    let doc = Document::load_mem(pdf).unwrap();
    let mut maps = BTreeMap::new();
    let mut out = Vec::new();
    for (_, page_id) in doc.get_pages() {
        let page = doc.get_dictionary(page_id).unwrap();
        if maps.is_empty()
            && let Some(resources) = page.get(b"Resources").ok().and_then(|r| dict(&doc, r))
        {
            maps = unicode_maps(&doc, resources);
        }
        let content = Content::decode(&doc.get_page_content(page_id)).unwrap();
        let mut text = String::new();
        let mut font: Vec<u8> = Vec::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    font = op
                        .operands
                        .first()
                        .and_then(|f| f.as_name().ok())
                        .unwrap_or_default()
                        .to_vec()
                }
                "Tm" => text.push('\n'),
                "Tj" | "TJ" => {
                    let strings: Vec<&Object> = match op.operator.as_str() {
                        "TJ" => op
                            .operands
                            .first()
                            .and_then(|a| a.as_array().ok())
                            .into_iter()
                            .flatten()
                            .collect(),
                        _ => op.operands.iter().collect(),
                    };
                    for s in strings {
                        if let Ok(bytes) = s.as_str() {
                            for g in glyph_ids(bytes) {
                                if let Some(t) = maps.get(&font).and_then(|m| m.get(&g)) {
                                    text.push_str(t);
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        out.push(text);
    }
    out
}

/// The structure of a file: each page's lines as (type of the element, baseline), in the
/// order of the content, artifacts left out. Lines of one element at one height are one.
pub fn tagged_lines(pdf: &[u8]) -> Vec<Vec<(String, i64, String)>> {
    let doc = Document::load_mem(pdf).unwrap();
    let mut parent_tree: BTreeMap<i64, Vec<ObjectId>> = BTreeMap::new();
    let root = doc
        .catalog()
        .unwrap()
        .get(b"StructTreeRoot")
        .ok()
        .and_then(|r| dict(&doc, r))
        .cloned()
        .unwrap();
    let tree = root
        .get(b"ParentTree")
        .ok()
        .and_then(|t| dict(&doc, t))
        .cloned()
        .unwrap();
    if let Ok(nums) = tree.get(b"Nums").and_then(Object::as_array) {
        for pair in nums.chunks(2) {
            let refs = match &pair[1] {
                Object::Reference(id) => doc.get_object(*id).ok().cloned(),
                o => Some(o.clone()),
            }
            .and_then(|v| v.as_array().ok().cloned())
            .unwrap_or_default()
            .iter()
            .filter_map(|r| r.as_reference().ok())
            .collect();
            parent_tree.insert(pair[0].as_i64().unwrap(), refs);
        }
    }
    let mut pages = Vec::new();
    for (_, page_id) in doc.get_pages() {
        let page = doc.get_dictionary(page_id).unwrap();
        let key = page.get(b"StructParents").and_then(Object::as_i64).unwrap();
        let parents = parent_tree.get(&key).cloned().unwrap_or_default();
        let content = Content::decode(&doc.get_page_content(page_id)).unwrap();
        let mut lines: Vec<(String, i64, String)> = Vec::new();
        let mut current: Option<i64> = None;
        let mut y = 0i64;
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" => {
                    current = op
                        .operands
                        .get(1)
                        .and_then(|p| dict(&doc, p))
                        .and_then(|p| p.get(b"MCID").ok())
                        .and_then(|m| m.as_i64().ok());
                }
                "EMC" => current = None,
                "Tm" => {
                    y = op
                        .operands
                        .get(5)
                        .and_then(|v| {
                            v.as_float()
                                .ok()
                                .or_else(|| v.as_i64().ok().map(|i| i as f32))
                        })
                        .unwrap_or(0.0) as i64;
                }
                "Tj" | "TJ" => {
                    let Some(m) = current else { continue };
                    let role = parents
                        .get(m as usize)
                        .and_then(|e| doc.get_dictionary(*e).ok())
                        .and_then(|e| e.get(b"S").ok())
                        .and_then(name)
                        .unwrap_or_default();
                    let key = format!("{m}");
                    if lines
                        .last()
                        .is_none_or(|(r, ly, k)| !(r == &role && *ly == y && k == &key))
                    {
                        lines.push((role, y, key));
                    }
                }
                _ => {}
            }
        }
        pages.push(lines);
    }
    pages
}
