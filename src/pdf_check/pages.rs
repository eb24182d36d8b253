//! The text of each page, to name the first page where a file says something other than the
//! document it should be.

use lopdf::Document;

/// No page of ours holds more: a bound on what one page's streams may inflate to.
const MAX_PAGE_BYTES: usize = 64 * 1024 * 1024;

/// Where two documents first differ in what their pages say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageDifference {
    /// Page `page` (from 1) says something else, or cannot be read in one of them.
    Text {
        page: u32,
        /// A short piece of the file's text where it departs from the expected one.
        found: Option<String>,
        expected: Option<String>,
    },
    /// The file has `found` pages, the document `expected`; the pages they share say the same.
    Count { found: u32, expected: u32 },
    /// Every page says the same.
    None,
}

/// The text of every page, in order; None for a page whose text cannot be read.
pub fn page_texts(doc: &Document) -> Vec<Option<String>> {
    doc.get_pages()
        .keys()
        .map(|&n| {
            doc.extract_text_with_limit(&[n], MAX_PAGE_BYTES)
                .ok()
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        })
        .collect()
}

/// The first page whose text differs between the file and the document it should be.
pub fn first_difference(file: &Document, expected: &Document) -> PageDifference {
    let found = page_texts(file);
    let wanted = page_texts(expected);
    for (i, (f, w)) in found.iter().zip(&wanted).enumerate() {
        if f.is_none() || f != w {
            let (found, expected) = excerpts(f.as_deref(), w.as_deref());
            return PageDifference::Text {
                page: u32::try_from(i + 1).unwrap_or(u32::MAX),
                found,
                expected,
            };
        }
    }
    if found.len() != wanted.len() {
        return PageDifference::Count {
            found: u32::try_from(found.len()).unwrap_or(u32::MAX),
            expected: u32::try_from(wanted.len()).unwrap_or(u32::MAX),
        };
    }
    PageDifference::None
}

/// A few words around the first place two texts differ, from each.
fn excerpts(found: Option<&str>, expected: Option<&str>) -> (Option<String>, Option<String>) {
    let (Some(f), Some(e)) = (found, expected) else {
        return (found.map(|f| clip(f, 0)), expected.map(|e| clip(e, 0)));
    };
    let common = f
        .char_indices()
        .zip(e.chars())
        .find(|((_, a), b)| a != b)
        .map_or(f.len().min(e.len()), |((i, _), _)| i);
    // Back to the start of the word, and a little before.
    let start = f[..common]
        .char_indices()
        .rev()
        .filter(|(_, c)| c.is_whitespace())
        .nth(2)
        .map_or(0, |(i, _)| i + 1);
    (Some(clip(f, start)), Some(clip(e, start)))
}

fn clip(text: &str, start: usize) -> String {
    let start = (0..=start)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let piece: String = text[start..].chars().take(60).collect();
    if piece.len() < text.len() - start {
        format!("{piece}…")
    } else {
        piece
    }
}
