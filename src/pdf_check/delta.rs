//! An update compared with the revision before it without reading either whole. An object
//! the update's cross-reference does not place anew is, byte for byte, the object of the
//! revision before; so only the objects placed anew are compared, together with what the
//! checks look them up in (the catalog, the page tree, the pages' resources and annotations,
//! the form): lopdf documents of those objects alone are handed to [`changes`]. The structure
//! tree, the outlines and the name trees, which hold most of a tagged verbale's objects, are
//! not read unless the update places one of their objects anew; unchanged streams are kept
//! without their content.

use std::collections::{BTreeSet, VecDeque};

use lopdf::xref::XrefEntry;
use lopdf::{Document, Object, ObjectId};

use super::changes;
use super::lazy::{Revision, in_use, same_entry, without_content};

/// Keys whose objects the checks never look into.
const NOT_FOLLOWED: &[&[u8]] = &[b"StructTreeRoot", b"Outlines", b"Names", b"Dests"];

/// The objects whose place differs between two revisions: written anew, added, freed, or held
/// in an object stream that was.
pub(super) fn placed_anew(before: &Revision, after: &Revision) -> BTreeSet<ObjectId> {
    let mut ids = BTreeSet::new();
    for (&n, entry) in &before.xref.entries {
        if !same_entry(Some(entry), after.xref.get(n)) {
            ids.insert(before.id_of(n));
            ids.insert(after.id_of(n));
        }
    }
    for &n in after.xref.entries.keys() {
        if before.xref.get(n).is_none() {
            ids.insert(after.id_of(n));
        }
    }
    let containers: BTreeSet<u32> = ids.iter().map(|id| id.0).collect();
    for revision in [before, after] {
        for (&n, entry) in &revision.xref.entries {
            if let XrefEntry::Compressed { container, .. } = entry
                && containers.contains(container)
            {
                ids.insert((n, 0));
            }
        }
    }
    ids
}

/// What the update from `before` to `after` changed that is not a signature (see
/// [`changes::non_signature_changes`]), and `after` as the checks saw it.
pub(super) fn non_signature_changes(
    before: &Revision,
    after: &Revision,
) -> (Vec<String>, Document) {
    let anew = placed_anew(before, after);
    let (old, new) = documents(before, after, &anew);
    let mut problems = changes::non_signature_changes(&old, &new);
    if !problems.iter().any(|p| p == changes::CITED_OBJECT_DEFINED)
        && cites_new_object(before, after, &anew)
    {
        problems.push(changes::CITED_OBJECT_DEFINED.into());
    }
    (problems, new)
}

/// The last revision as the signatures are read from it: `seen`, the last revision as the
/// checks of its update saw it (if any update could be read), with every object the updates
/// placed since the document.
pub(super) fn signed_document(
    document: &Revision,
    last: &Revision,
    seen: Option<Document>,
) -> Document {
    let anew = placed_anew(document, last);
    let Some(mut doc) = seen else {
        return documents(document, last, &anew).1;
    };
    for id in anew {
        if !doc.objects.contains_key(&id)
            && let Some(object) = last.object(id)
        {
            doc.objects.insert(id, object);
        }
    }
    doc
}

/// The two revisions as lopdf documents of the objects placed anew and of what the checks look
/// them up in: the same object in both where it was not placed anew.
fn documents(
    before: &Revision,
    after: &Revision,
    anew: &BTreeSet<ObjectId>,
) -> (Document, Document) {
    let mut old = Document::new();
    old.trailer = before.trailer.clone();
    let mut new = Document::new();
    new.trailer = after.trailer.clone();
    let mut queue: VecDeque<ObjectId> = anew.iter().copied().collect();
    for trailer in [&before.trailer, &after.trailer] {
        for (_, value) in trailer.iter() {
            follow(value, &mut queue);
        }
    }
    let mut seen = BTreeSet::new();
    while let Some(id) = queue.pop_front() {
        if !seen.insert(id) {
            continue;
        }
        if anew.contains(&id) {
            for (revision, doc) in [(before, &mut old), (after, &mut new)] {
                if let Some(object) = revision.object(id) {
                    follow(&object, &mut queue);
                    doc.objects.insert(id, object);
                }
            }
        } else if let Some(object) = before.object(id) {
            follow(&object, &mut queue);
            let object = without_content(object);
            old.objects.insert(id, object.clone());
            new.objects.insert(id, object);
        }
    }
    for doc in [&mut old, &mut new] {
        doc.max_id = doc.objects.keys().next_back().map_or(0, |id| id.0);
    }
    (old, new)
}

/// Queues the objects `object` refers to, but for those under [`NOT_FOLLOWED`].
fn follow(object: &Object, queue: &mut VecDeque<ObjectId>) {
    match object {
        Object::Reference(id) => queue.push_back(*id),
        Object::Array(items) => items.iter().for_each(|i| follow(i, queue)),
        Object::Dictionary(d) => d
            .iter()
            .filter(|(k, _)| !NOT_FOLLOWED.contains(&k.as_slice()))
            .for_each(|(_, v)| follow(v, queue)),
        Object::Stream(s) => s
            .dict
            .iter()
            .filter(|(k, _)| !NOT_FOLLOWED.contains(&k.as_slice()))
            .for_each(|(_, v)| follow(v, queue)),
        _ => {}
    }
}

/// Whether an object of `before` that the update left in place refers to an object `before`
/// lacks and `after` defines. Every object of `before` is read for it, one at a time.
fn cites_new_object(before: &Revision, after: &Revision, anew: &BTreeSet<ObjectId>) -> bool {
    let defined: BTreeSet<ObjectId> = anew
        .iter()
        .copied()
        .filter(|&id| !in_use(before.entry(id)) && after.with(id, |_| ()).is_some())
        .collect();
    if defined.is_empty() {
        return false;
    }
    // An object can refer to one only if its text names the number: only those are parsed.
    let numbers = defined.iter().map(|id| u64::from(id.0)).collect();
    before
        .xref
        .entries
        .iter()
        .filter(|(_, entry)| in_use(Some(entry)))
        .map(|(&n, _)| before.id_of(n))
        .filter(|id| !anew.contains(id) && before.may_name(*id, &numbers))
        .any(|id| before.with(id, |o| cites(o, &defined)).unwrap_or(false))
}

fn cites(object: &Object, ids: &BTreeSet<ObjectId>) -> bool {
    match object {
        Object::Reference(id) => ids.contains(id),
        Object::Array(items) => items.iter().any(|i| cites(i, ids)),
        Object::Dictionary(d) => d.iter().any(|(_, v)| cites(v, ids)),
        Object::Stream(s) => s.dict.iter().any(|(_, v)| cites(v, ids)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf_check::{Verdict, check};
    use lopdf::{IncrementalDocument, dictionary};

    const ELEMENTS: u32 = 300;
    /// The structure element that cites an object the document does not have.
    const CITING: ObjectId = (150, 0);
    const MISSING: ObjectId = (5000, 0);

    /// A tagged one-page document in object streams: catalog 1, pages 2, page 3, content 4,
    /// structure tree 5 with its elements 10…309, one of which cites object 5000, absent.
    fn tagged() -> Vec<u8> {
        let mut doc = crate::pdf_check::changes::tests::base();
        let elements: Vec<Object> = (10..10 + ELEMENTS).map(|n| (n, 0).into()).collect();
        for n in 10..10 + ELEMENTS {
            let mut element = dictionary! { "Type" => "StructElem", "S" => "P", "P" => (5, 0) };
            if (n, 0) == CITING {
                element.set("Alt", MISSING);
            }
            doc.objects.insert((n, 0), Object::Dictionary(element));
        }
        doc.objects.insert(
            (5, 0),
            Object::Dictionary(dictionary! { "Type" => "StructTreeRoot", "K" => elements }),
        );
        if let Some(Object::Dictionary(catalog)) = doc.objects.get_mut(&(1, 0)) {
            catalog.set("StructTreeRoot", (5, 0));
        }
        doc.max_id = 10 + ELEMENTS;
        let mut bytes = Vec::new();
        doc.save_modern(&mut bytes).expect("saved");
        bytes
    }

    /// `pdf` followed by an update made by `change`.
    fn updated(pdf: &[u8], change: impl FnOnce(&mut IncrementalDocument)) -> Vec<u8> {
        let prev = Document::load_mem(pdf).expect("loads");
        let max_id = prev.max_id.max(MISSING.0);
        let mut update = IncrementalDocument::create_from(pdf.to_vec(), prev);
        update.new_document.max_id = max_id;
        change(&mut update);
        let mut out = Vec::new();
        update.save_to(&mut out).expect("saved");
        assert!(out.starts_with(pdf));
        out
    }

    /// An invisible signature: its value, its field (also its widget on page 1), the form.
    fn sign(update: &mut IncrementalDocument) {
        let value = update.new_document.add_object(dictionary! {
            "Type" => "Sig", "Filter" => "Adobe.PPKLite", "SubFilter" => "ETSI.CAdES.detached",
            "ByteRange" => vec![0.into(), 0.into(), 0.into(), 0.into()],
            "Contents" => Object::String(vec![0; 16], lopdf::StringFormat::Hexadecimal),
        });
        let field = update.new_document.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "Widget", "FT" => "Sig",
            "T" => Object::string_literal("Firma"),
            "F" => 132, "P" => (3, 0), "V" => value,
            "Rect" => vec![0.into(), 0.into(), 0.into(), 0.into()],
        });
        for id in [(1, 0), (3, 0)] {
            update.opt_clone_object_to_new_document(id).expect("copied");
        }
        let objects = &mut update.new_document.objects;
        if let Some(Object::Dictionary(page)) = objects.get_mut(&(3, 0)) {
            page.set("Annots", vec![Object::Reference(field)]);
        }
        if let Some(Object::Dictionary(catalog)) = objects.get_mut(&(1, 0)) {
            catalog.set(
                "AcroForm",
                dictionary! { "Fields" => vec![Object::Reference(field)], "SigFlags" => 3 },
            );
        }
    }

    #[test]
    fn a_signature_is_checked_without_reading_the_structure_tree() {
        let document = tagged();
        let signed = updated(&document, sign);
        let report = check(&signed, &document);
        assert_eq!(report.verdict, Verdict::Signed);
        assert_eq!(report.signatures.len(), 1);
        assert_eq!(report.signatures[0].field.as_deref(), Some("Firma"));

        // What is compared: the objects the update placed anew and what the checks look them
        // up in, none of the structure tree's.
        let before = Revision::open(&document).expect("opens");
        let after = Revision::open(&signed).expect("opens");
        let anew = placed_anew(&before, &after);
        let (old, new) = documents(&before, &after, &anew);
        assert!(anew.contains(&(1, 0)) && anew.contains(&(3, 0)), "{anew:?}");
        let read: BTreeSet<ObjectId> = old
            .objects
            .keys()
            .chain(new.objects.keys())
            .copied()
            .collect();
        assert!(read.len() < 12, "{read:?}");
        assert!(
            read.iter().all(|id| id.0 < 10 || id.0 > 10 + ELEMENTS),
            "{read:?}"
        );
    }

    #[test]
    fn what_an_update_changes_in_the_unread_part_is_still_found() {
        let document = tagged();
        let signed = updated(&document, sign);
        // A structure element rewritten: another text read aloud.
        let edited = updated(&signed, |update| {
            update.new_document.objects.insert(
                (20, 0),
                Object::Dictionary(dictionary! {
                    "Type" => "StructElem", "S" => "P", "P" => (5, 0),
                    "ActualText" => Object::string_literal("altro"),
                }),
            );
        });
        match check(&edited, &document).verdict {
            Verdict::Altered { changes, .. } => {
                assert_eq!(
                    changes,
                    vec!["aggiunta n. 2: cambiato: l'oggetto 20 0".to_string()]
                );
            }
            other => panic!("{other:?}"),
        }
        // The object a structure element cited without the document having it, defined.
        let defined = updated(&signed, |update| {
            update.new_document.objects.insert(
                MISSING,
                Object::string_literal("testo alternativo aggiunto"),
            );
        });
        match check(&defined, &document).verdict {
            Verdict::Altered { changes, .. } => assert_eq!(
                changes,
                vec![format!("aggiunta n. 2: {}", changes::CITED_OBJECT_DEFINED)]
            ),
            other => panic!("{other:?}"),
        }
    }
}
