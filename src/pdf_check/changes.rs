//! What an incremental update changed, object by object, and whether all of it is a
//! signature: signature fields and their widgets, signature values, document timestamps and
//! validation data (DSS, VRI). Anything else — a page, a content stream, a resource, another
//! annotation, the document's information — is named.

use std::collections::{BTreeMap, BTreeSet};

use lopdf::{Dictionary, Document, Object, ObjectId};

/// The keys of the catalog an update may add or change to sign.
const CATALOG_KEYS: &[&[u8]] = &[b"AcroForm", b"DSS", b"Extensions", b"Perms", b"Metadata"];
/// The keys of the document information a signing tool updates.
const INFO_KEYS: &[&[u8]] = &[b"ModDate", b"Producer"];
/// The keys of the interactive form an update may add or change to sign.
const ACROFORM_KEYS: &[&[u8]] = &[b"Fields", b"SigFlags", b"DR", b"DA"];

/// An update that defines an object the document cited without having it.
pub(super) const CITED_OBJECT_DEFINED: &str = "è stato definito un oggetto che il documento citava senza averlo: cambia ciò che il documento mostra";

/// How deep references are followed when collecting what an object reaches.
const MAX_DEPTH: usize = 32;

/// The document before an update, with what its objects are.
struct Before<'a> {
    doc: &'a Document,
    root: Option<ObjectId>,
    info: Option<ObjectId>,
    /// Page objects and their numbers.
    pages: BTreeMap<ObjectId, u32>,
    /// Content streams and the first page that draws them.
    contents: BTreeMap<ObjectId, u32>,
    /// Objects reached from the pages' resources.
    resources: BTreeSet<ObjectId>,
    /// Annotation arrays held as objects of their own.
    annots: BTreeSet<ObjectId>,
    acroform: Option<ObjectId>,
    fields: Option<ObjectId>,
    /// Everything the validation data (DSS) reaches, and the XMP metadata.
    free_to_change: BTreeSet<ObjectId>,
}

impl<'a> Before<'a> {
    fn new(doc: &'a Document) -> Before<'a> {
        let root = doc.trailer.get(b"Root").and_then(Object::as_reference).ok();
        let info = doc.trailer.get(b"Info").and_then(Object::as_reference).ok();
        let catalog = root.and_then(|r| doc.get_dictionary(r).ok());
        let mut pages = BTreeMap::new();
        let mut contents = BTreeMap::new();
        let mut resources = BTreeSet::new();
        let mut annots = BTreeSet::new();
        for (number, id) in doc.get_pages() {
            pages.insert(id, number);
            for content in doc.get_page_contents(id) {
                contents.entry(content).or_insert(number);
            }
            if let Ok(page) = doc.get_dictionary(id) {
                if let Ok(r) = page.get(b"Resources") {
                    reach(doc, r, &mut resources, 0);
                }
                if let Ok(Object::Reference(a)) = page.get(b"Annots") {
                    annots.insert(*a);
                }
            }
        }
        let reference = |key: &[u8]| {
            catalog
                .and_then(|c| c.get(key).ok())
                .and_then(|o| o.as_reference().ok())
        };
        let acroform = reference(b"AcroForm");
        let fields = acroform
            .and_then(|a| doc.get_dictionary(a).ok())
            .and_then(|a| a.get(b"Fields").ok())
            .and_then(|f| f.as_reference().ok());
        let mut free_to_change = BTreeSet::new();
        if let Some(dss) = catalog.and_then(|c| c.get(b"DSS").ok()) {
            reach(doc, dss, &mut free_to_change, 0);
        }
        if let Some(metadata) = reference(b"Metadata") {
            free_to_change.insert(metadata);
        }
        Before {
            doc,
            root,
            info,
            pages,
            contents,
            resources,
            annots,
            acroform,
            fields,
            free_to_change,
        }
    }

    /// The object in Italian, for a refusal.
    fn describe(&self, id: ObjectId) -> String {
        if let Some(n) = self.pages.get(&id) {
            return format!("la pagina {n}");
        }
        if let Some(n) = self.contents.get(&id) {
            return format!("il contenuto della pagina {n}");
        }
        if self.resources.contains(&id) {
            return format!(
                "una risorsa delle pagine (carattere, immagine o grafica: oggetto {} {})",
                id.0, id.1
            );
        }
        let dict = self.doc.get_object(id).ok().and_then(|o| match o {
            Object::Dictionary(d) => Some(d),
            Object::Stream(s) => Some(&s.dict),
            _ => None,
        });
        match dict
            .and_then(|d| d.get(b"Type").ok())
            .and_then(|t| t.as_name().ok())
        {
            Some(b"Pages") => "l'elenco delle pagine".into(),
            Some(b"Annot") => format!("un'annotazione (oggetto {} {})", id.0, id.1),
            _ if Some(id) == self.root => "il catalogo del documento".into(),
            _ if Some(id) == self.info => "le informazioni del documento".into(),
            _ => format!("l'oggetto {} {}", id.0, id.1),
        }
    }
}

/// Collects the objects `object` reaches by reference.
fn reach(doc: &Document, object: &Object, into: &mut BTreeSet<ObjectId>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match object {
        Object::Reference(id) => {
            if into.insert(*id)
                && let Ok(target) = doc.get_object(*id)
            {
                reach(doc, target, into, depth + 1);
            }
        }
        Object::Array(items) => {
            for item in items {
                reach(doc, item, into, depth + 1);
            }
        }
        Object::Dictionary(d) => {
            for (_, value) in d.iter() {
                reach(doc, value, into, depth + 1);
            }
        }
        Object::Stream(s) => {
            for (_, value) in s.dict.iter() {
                reach(doc, value, into, depth + 1);
            }
        }
        _ => {}
    }
}

/// The references an object holds directly (not following them).
fn references(object: &Object, into: &mut BTreeSet<ObjectId>) {
    match object {
        Object::Reference(id) => {
            into.insert(*id);
        }
        Object::Array(items) => items.iter().for_each(|i| references(i, into)),
        Object::Dictionary(d) => d.iter().for_each(|(_, v)| references(v, into)),
        Object::Stream(s) => s.dict.iter().for_each(|(_, v)| references(v, into)),
        _ => {}
    }
}

/// Two objects are the same when their values are: a stream's place in the file does not count.
fn same(a: &Object, b: &Object) -> bool {
    match (a, b) {
        (Object::Stream(x), Object::Stream(y)) => x.dict == y.dict && x.content == y.content,
        _ => a == b,
    }
}

fn dict_of(object: &Object) -> Option<&Dictionary> {
    match object {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// The keys whose values differ between two dictionaries.
fn changed_keys(old: &Dictionary, new: &Dictionary) -> Vec<Vec<u8>> {
    let mut keys: BTreeSet<Vec<u8>> = old.iter().map(|(k, _)| k.clone()).collect();
    keys.extend(new.iter().map(|(k, _)| k.clone()));
    keys.into_iter()
        .filter(|k| match (old.get(k), new.get(k)) {
            (Ok(a), Ok(b)) => !same(a, b),
            (Err(_), Err(_)) => false,
            _ => true,
        })
        .collect()
}

fn resolve<'d>(doc: &'d Document, object: &'d Object) -> Option<&'d Object> {
    match object {
        Object::Reference(id) => doc.get_object(*id).ok(),
        other => Some(other),
    }
}

/// Whether a field or widget is of a signature field: `/FT /Sig` on it or on a parent.
fn is_signature_field(doc: &Document, dict: &Dictionary) -> bool {
    let mut current = dict;
    for _ in 0..MAX_DEPTH {
        if let Ok(ft) = current.get(b"FT") {
            return ft.as_name().ok() == Some(b"Sig");
        }
        match current
            .get(b"Parent")
            .ok()
            .and_then(|p| resolve(doc, p))
            .and_then(dict_of)
        {
            Some(parent) => current = parent,
            None => return false,
        }
    }
    false
}

/// The signature value of a field or widget (`/V`, on it or on a parent), if signed.
fn signature_value(doc: &Document, dict: &Dictionary) -> Option<ObjectId> {
    let mut current = dict;
    for _ in 0..MAX_DEPTH {
        if let Ok(v) = current.get(b"V") {
            return v.as_reference().ok().or(Some((0, 0)));
        }
        current = current
            .get(b"Parent")
            .ok()
            .and_then(|p| resolve(doc, p))
            .and_then(dict_of)?;
    }
    None
}

/// Whether a widget draws something on its page: a rectangle of some area, not hidden.
pub(super) fn is_visible(doc: &Document, widget: &Dictionary) -> bool {
    let hidden = widget
        .get(b"F")
        .and_then(Object::as_i64)
        .is_ok_and(|f| f & 0b10 != 0 || f & 0b10_0000 != 0);
    let rect: Vec<f32> = widget
        .get(b"Rect")
        .ok()
        .and_then(|r| resolve(doc, r))
        .and_then(|r| r.as_array().ok())
        .map(|a| a.iter().filter_map(|n| n.as_float().ok()).collect())
        .unwrap_or_default();
    let area = match rect.as_slice() {
        [x1, y1, x2, y2] => ((x2 - x1) * (y2 - y1)).abs(),
        _ => 0.0,
    };
    !hidden && area > 0.0
}

/// Whether `after` added, in place of `old` (the array before), only signature widgets, keeping
/// every entry it had. Problems are pushed with `what` naming the array.
fn check_widgets(
    after: &Document,
    old: &[Object],
    new: &[Object],
    what: &str,
    problems: &mut Vec<String>,
) {
    if !old.iter().all(|o| new.iter().any(|n| same(o, n))) {
        problems.push(format!("{what}: un'annotazione è stata tolta"));
        return;
    }
    for added in new.iter().filter(|n| !old.iter().any(|o| same(o, n))) {
        let Some(widget) = resolve(after, added).and_then(dict_of) else {
            problems.push(format!("{what}: aggiunta un'annotazione illeggibile"));
            continue;
        };
        let is_widget = widget.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Widget");
        if !is_widget || !is_signature_field(after, widget) {
            problems.push(format!(
                "{what}: aggiunta un'annotazione che non è un campo di firma"
            ));
        } else if widget.has(b"A") || widget.has(b"AA") {
            problems.push(format!(
                "{what}: aggiunto un campo di firma con un'azione associata"
            ));
        } else if is_visible(after, widget) && signature_value(after, widget).is_none() {
            problems.push(format!(
                "{what}: aggiunto un campo di firma visibile ma non firmato, che disegna sulla pagina"
            ));
        }
    }
}

/// Whether `after` added, in place of the fields `old`, only signature fields.
fn check_fields(after: &Document, old: &[Object], new: &[Object], problems: &mut Vec<String>) {
    if !old.iter().all(|o| new.iter().any(|n| same(o, n))) {
        problems.push("un campo del modulo è stato tolto".into());
        return;
    }
    for added in new.iter().filter(|n| !old.iter().any(|o| same(o, n))) {
        match resolve(after, added).and_then(dict_of) {
            Some(field) if is_signature_field(after, field) => {
                if field.has(b"A") || field.has(b"AA") {
                    problems.push("aggiunto un campo di firma con un'azione associata".into());
                }
            }
            _ => problems.push("aggiunto un campo del modulo che non è una firma".into()),
        }
    }
}

fn array_in<'d>(doc: &'d Document, dict: &'d Dictionary, key: &[u8]) -> Vec<Object> {
    dict.get(key)
        .ok()
        .and_then(|o| resolve(doc, o))
        .and_then(|o| o.as_array().ok())
        .cloned()
        .unwrap_or_default()
}

fn key_names(keys: &[Vec<u8>]) -> String {
    keys.iter()
        .map(|k| format!("/{}", String::from_utf8_lossy(k)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the update from `before` to `after` changed that is not a signature, in Italian; empty
/// when it only signed.
pub fn non_signature_changes(before: &Document, after: &Document) -> Vec<String> {
    let b = Before::new(before);
    let mut problems = Vec::new();
    let root = after
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .ok();
    if root != b.root {
        problems.push("il catalogo del documento è stato sostituito".into());
    }
    let info = after
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .ok();
    if b.info.is_some() && info != b.info {
        problems.push("le informazioni del documento sono state sostituite".into());
    }
    if after.trailer.has(b"Encrypt") {
        problems.push("il documento è stato cifrato".into());
    }
    let mut unchanged_refs = BTreeSet::new();
    for (id, old) in &before.objects {
        let Some(new) = after.objects.get(id) else {
            problems.push(format!("tolto dal documento: {}", b.describe(*id)));
            continue;
        };
        if same(old, new) {
            references(old, &mut unchanged_refs);
            continue;
        }
        changed(&b, after, *id, old, new, &mut problems);
    }
    if unchanged_refs
        .iter()
        .any(|r| !before.objects.contains_key(r) && after.objects.contains_key(r))
    {
        problems.push(CITED_OBJECT_DEFINED.into());
    }
    problems
}

/// Whether the change of one object is part of signing; pushes what is not.
fn changed(
    b: &Before,
    after: &Document,
    id: ObjectId,
    old: &Object,
    new: &Object,
    problems: &mut Vec<String>,
) {
    let kind = |o: &Object| {
        dict_of(o)
            .and_then(|d| d.get(b"Type").ok())
            .and_then(|t| t.as_name().ok())
            .map(<[u8]>::to_vec)
    };
    if matches!(kind(old).as_deref(), Some(b"XRef" | b"ObjStm")) || b.free_to_change.contains(&id) {
        return;
    }
    let (Some(old_dict), Some(new_dict)) = (dict_of(old), dict_of(new)) else {
        changed_array(b, after, id, old, new, problems);
        return;
    };
    if Some(id) == b.root {
        changed_catalog(b, after, old_dict, new_dict, problems);
    } else if Some(id) == b.info {
        changed_info(old_dict, new_dict, problems);
    } else if let Some(page) = b.pages.get(&id) {
        let keys = changed_keys(old_dict, new_dict);
        if keys.iter().any(|k| k != b"Annots") {
            problems.push(format!(
                "la pagina {page} è stata modificata ({})",
                key_names(&keys)
            ));
        } else {
            let old_annots = array_in(b.doc, old_dict, b"Annots");
            let new_annots = array_in(after, new_dict, b"Annots");
            let what = format!("pagina {page}");
            check_widgets(after, &old_annots, &new_annots, &what, problems);
        }
    } else if Some(id) == b.acroform {
        acroform(b, after, Some(old_dict), new_dict, problems);
    } else if is_signature_field(b.doc, old_dict) {
        changed_signature_field(b, after, id, old_dict, new_dict, problems);
    } else {
        problems.push(format!("cambiato: {}", b.describe(id)));
    }
}

/// An array held as an object of its own: only a page's annotations, or the form's fields,
/// may grow by signatures.
fn changed_array(
    b: &Before,
    after: &Document,
    id: ObjectId,
    old: &Object,
    new: &Object,
    problems: &mut Vec<String>,
) {
    match (old, new) {
        (Object::Array(o), Object::Array(n)) if b.annots.contains(&id) => {
            let page = b
                .pages
                .iter()
                .find(|(p, _)| {
                    b.doc
                        .get_dictionary(**p)
                        .ok()
                        .and_then(|d| d.get(b"Annots").ok())
                        .and_then(|a| a.as_reference().ok())
                        == Some(id)
                })
                .map_or(0, |(_, n)| *n);
            check_widgets(after, o, n, &format!("pagina {page}"), problems);
        }
        (Object::Array(o), Object::Array(n)) if Some(id) == b.fields => {
            check_fields(after, o, n, problems);
        }
        _ => problems.push(format!("cambiato: {}", b.describe(id))),
    }
}

/// The catalog may gain a form of signature fields, validation data, extensions, permissions
/// and new metadata; nothing else.
fn changed_catalog(
    b: &Before,
    after: &Document,
    old: &Dictionary,
    new: &Dictionary,
    problems: &mut Vec<String>,
) {
    let keys = changed_keys(old, new);
    if !keys.iter().all(|k| CATALOG_KEYS.contains(&k.as_slice())) {
        problems.push(format!(
            "il catalogo del documento è stato modificato ({})",
            key_names(&keys)
        ));
    }
    if keys.iter().any(|k| k == b"AcroForm") {
        let form = |doc: &'_ Document, dict: &Dictionary| {
            dict.get(b"AcroForm")
                .ok()
                .and_then(|f| resolve(doc, f))
                .and_then(dict_of)
                .cloned()
        };
        match form(after, new) {
            Some(new_form) => {
                acroform(b, after, form(b.doc, old).as_ref(), &new_form, problems);
            }
            None => problems.push("il modulo del documento è illeggibile".into()),
        }
    }
}

/// The document information may change only in the signing tool's date and name.
fn changed_info(old: &Dictionary, new: &Dictionary, problems: &mut Vec<String>) {
    // A signing tool may write the same text in another encoding.
    let keys: Vec<Vec<u8>> = changed_keys(old, new)
        .into_iter()
        .filter(|k| {
            let text = |d: &Dictionary| d.get(k).ok().and_then(text_value);
            text(old).is_none() || text(old) != text(new)
        })
        .collect();
    if !keys.iter().all(|k| INFO_KEYS.contains(&k.as_slice())) {
        problems.push(format!(
            "le informazioni del documento sono state modificate ({})",
            key_names(&keys)
        ));
    }
}

/// A signature field of an earlier revision may be signed, once; a signature never changes.
fn changed_signature_field(
    b: &Before,
    after: &Document,
    id: ObjectId,
    old: &Dictionary,
    new: &Dictionary,
    problems: &mut Vec<String>,
) {
    if signature_value(b.doc, old).is_some() {
        problems.push(format!(
            "una firma già apposta è stata cambiata (oggetto {} {})",
            id.0, id.1
        ));
    } else if !is_signature_field(after, new) || new.has(b"A") || new.has(b"AA") {
        problems.push(format!(
            "un campo di firma è diventato altro (oggetto {} {})",
            id.0, id.1
        ));
    }
}

/// An interactive form added or changed by an update: only signature fields.
fn acroform(
    b: &Before,
    after: &Document,
    old: Option<&Dictionary>,
    new: &Dictionary,
    problems: &mut Vec<String>,
) {
    let empty = Dictionary::new();
    let keys = changed_keys(old.unwrap_or(&empty), new);
    if !keys.iter().all(|k| ACROFORM_KEYS.contains(&k.as_slice())) {
        problems.push(format!(
            "il modulo del documento è stato modificato ({})",
            key_names(&keys)
        ));
    }
    let old_fields = old
        .map(|o| array_in(b.doc, o, b"Fields"))
        .unwrap_or_default();
    let new_fields = array_in(after, new, b"Fields");
    check_fields(after, &old_fields, &new_fields, problems);
}

/// A PDF text string as text: UTF-16BE or UTF-8 after their byte order marks, otherwise
/// PDFDocEncoding.
fn text_value(object: &Object) -> Option<String> {
    let bytes = object.as_str().ok()?;
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return Some(String::from_utf16_lossy(&units));
    }
    if let Some(utf8) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return Some(String::from_utf8_lossy(utf8).into_owned());
    }
    Some(bytes.iter().map(|&b| pdf_doc_char(b)).collect())
}

/// One byte of PDFDocEncoding (ISO 32000-1, Annex D).
fn pdf_doc_char(byte: u8) -> char {
    const LOW: [char; 8] = ['˘', 'ˇ', 'ˆ', '˙', '˝', '˛', '˚', '˜'];
    const HIGH: [char; 33] = [
        '•', '†', '‡', '…', '—', '–', 'ƒ', '⁄', '‹', '›', '−', '‰', '„', '“', '”', '‘', '’', '‚',
        '™', 'ﬁ', 'ﬂ', 'Ł', 'Œ', 'Š', 'Ÿ', 'Ž', 'ı', 'ł', 'œ', 'š', 'ž', '\u{fffd}', '€',
    ];
    match byte {
        0x18..=0x1F => LOW[usize::from(byte - 0x18)],
        0x80..=0xA0 => HIGH[usize::from(byte - 0x80)],
        other => char::from(other),
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use lopdf::dictionary;

    /// A one-page document: catalog 1, pages 2, page 3, content 4.
    /// A one-page document: catalog 1, pages 2, page 3, content 4. `delta`'s tests add to it.
    pub(in crate::pdf_check) fn base() -> Document {
        let mut doc = Document::with_version("1.7");
        doc.objects.insert(
            (1, 0),
            Object::Dictionary(dictionary! { "Type" => "Catalog", "Pages" => (2, 0) }),
        );
        doc.objects.insert(
            (2, 0),
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![Object::Reference((3, 0))], "Count" => 1,
            }),
        );
        doc.objects.insert(
            (3, 0),
            Object::Dictionary(dictionary! {
                "Type" => "Page", "Parent" => (2, 0), "Contents" => (4, 0),
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            }),
        );
        doc.objects.insert(
            (4, 0),
            Object::Stream(lopdf::Stream::new(dictionary! {}, b"BT ET".to_vec())),
        );
        doc.trailer.set("Root", (1, 0));
        doc
    }

    /// `doc` with a signature field whose widget sits on the page, signed or not, visible or
    /// not.
    fn with_signature_field(doc: &Document, signed: bool, rect: [i64; 4]) -> Document {
        let mut after = doc.clone();
        let mut widget = dictionary! {
            "Type" => "Annot", "Subtype" => "Widget", "FT" => "Sig", "T" => "Firma",
            "P" => (3, 0), "F" => 4,
            "Rect" => rect.iter().map(|&n| Object::Integer(n)).collect::<Vec<_>>(),
        };
        if signed {
            after.objects.insert(
                (6, 0),
                Object::Dictionary(dictionary! {
                    "Type" => "Sig", "ByteRange" => vec![0.into(), 0.into(), 0.into(), 0.into()],
                }),
            );
            widget.set("V", (6, 0));
        }
        after.objects.insert((5, 0), Object::Dictionary(widget));
        if let Ok(Object::Dictionary(page)) = after.get_object_mut((3, 0)) {
            page.set("Annots", vec![Object::Reference((5, 0))]);
        }
        if let Ok(Object::Dictionary(catalog)) = after.get_object_mut((1, 0)) {
            catalog.set(
                "AcroForm",
                dictionary! { "Fields" => vec![Object::Reference((5, 0))], "SigFlags" => 3 },
            );
        }
        after
    }

    #[test]
    fn a_signature_field_is_a_signature_and_a_changed_page_is_not() {
        let before = base();
        let signed = with_signature_field(&before, true, [0, 0, 0, 0]);
        assert_eq!(
            non_signature_changes(&before, &signed),
            Vec::<String>::new()
        );
        let visible = with_signature_field(&before, true, [400, 100, 560, 160]);
        assert_eq!(
            non_signature_changes(&before, &visible),
            Vec::<String>::new()
        );

        // A visible field nobody signed can draw anything on the page.
        let unsigned = with_signature_field(&before, false, [400, 100, 560, 160]);
        let problems = non_signature_changes(&before, &unsigned);
        assert!(
            problems[0].contains("campo di firma visibile ma non firmato"),
            "{problems:?}"
        );

        // A signature once made never changes.
        let mut resigned = signed.clone();
        if let Ok(Object::Dictionary(widget)) = resigned.get_object_mut((5, 0)) {
            widget.set("V", (7, 0));
        }
        let problems = non_signature_changes(&signed, &resigned);
        assert!(problems[0].contains("firma già apposta"), "{problems:?}");

        // The page's content is not a signature.
        let mut painted = before.clone();
        painted.objects.insert(
            (4, 0),
            Object::Stream(lopdf::Stream::new(
                dictionary! {},
                b"BT (45,80) Tj ET".to_vec(),
            )),
        );
        assert_eq!(
            non_signature_changes(&before, &painted),
            vec!["cambiato: il contenuto della pagina 1".to_string()]
        );
        // Nor another kind of annotation.
        let mut noted = signed.clone();
        noted.objects.insert(
            (8, 0),
            Object::Dictionary(dictionary! { "Type" => "Annot", "Subtype" => "FreeText" }),
        );
        if let Ok(Object::Dictionary(page)) = noted.get_object_mut((3, 0)) {
            page.set(
                "Annots",
                vec![Object::Reference((5, 0)), Object::Reference((8, 0))],
            );
        }
        let problems = non_signature_changes(&signed, &noted);
        assert!(
            problems[0].contains("un'annotazione che non è un campo di firma"),
            "{problems:?}"
        );
    }
}
