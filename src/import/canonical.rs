//! One order for what spreadsheet-ods writes in the order of its hash maps (namespace
//! declarations, styles, manifest entries), so that the same data gives the same ODS bytes.
//! In ODF none of these orders carries meaning: attributes are a set, styles are found by
//! name, manifest entries by path.

/// Containers whose children are sorted.
const CONTAINERS: [&str; 4] = [
    "manifest:manifest",
    "office:font-face-decls",
    "office:styles",
    "office:automatic-styles",
];

/// The XML with the root element's attributes sorted and the children of the containers
/// above sorted. The input is what spreadsheet-ods writes: no comments, no CDATA.
pub fn canonical(xml: &str) -> String {
    let mut out = sort_root_attributes(xml);
    for name in CONTAINERS {
        out = sort_children(&out, name);
    }
    out
}

/// The end of the tag starting at `start` (the index of its '>'), skipping quoted values.
fn tag_end(xml: &str, start: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (i, b) in xml.bytes().enumerate().skip(start) {
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

fn sort_root_attributes(xml: &str) -> String {
    let mut at = 0;
    let root = loop {
        let Some(offset) = xml[at..].find('<') else {
            return xml.to_string();
        };
        let start = at + offset;
        if xml[start..].starts_with("<?") {
            at = start + 2;
            continue;
        }
        break start;
    };
    let Some(end) = tag_end(xml, root) else {
        return xml.to_string();
    };
    let inner = &xml[root + 1..end];
    let self_closing = inner.ends_with('/');
    let inner = inner.trim_end_matches('/');
    let Some((name, rest)) = inner.split_once(char::is_whitespace) else {
        return xml.to_string();
    };
    let mut attributes = Vec::new();
    let mut rest = rest.trim_start();
    while !rest.is_empty() {
        let Some(eq) = rest.find('=') else {
            return xml.to_string();
        };
        let value = &rest[eq + 1..];
        let Some(q) = value.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            return xml.to_string();
        };
        let Some(close) = value[1..].find(q) else {
            return xml.to_string();
        };
        let len = eq + 1 + close + 2;
        attributes.push(&rest[..len]);
        rest = rest[len..].trim_start();
    }
    attributes.sort_unstable();
    format!(
        "{}<{name} {}{}>{}",
        &xml[..root],
        attributes.join(" "),
        if self_closing { "/" } else { "" },
        &xml[end + 1..]
    )
}

fn sort_children(xml: &str, container: &str) -> String {
    let open = format!("<{container}");
    let close = format!("</{container}>");
    let Some(start) = xml.find(&open) else {
        return xml.to_string();
    };
    let Some(open_end) = tag_end(xml, start) else {
        return xml.to_string();
    };
    if xml[..open_end].ends_with('/') {
        return xml.to_string();
    }
    let Some(close_at) = xml[open_end..].find(&close).map(|i| open_end + i) else {
        return xml.to_string();
    };
    let body = &xml[open_end + 1..close_at];
    let mut children: Vec<&str> = Vec::new();
    let (mut depth, mut child_start, mut at) = (0usize, 0usize, 0usize);
    while let Some(offset) = body[at..].find('<') {
        let start = at + offset;
        let Some(end) = tag_end(body, start) else {
            return xml.to_string();
        };
        let tag = &body[start..=end];
        if depth == 0 {
            child_start = start;
        }
        if tag.starts_with("</") {
            depth = depth.saturating_sub(1);
        } else if !tag.ends_with("/>") {
            depth += 1;
        }
        if depth == 0 {
            children.push(&body[child_start..=end]);
        }
        at = end + 1;
    }
    if depth != 0 || children.concat().len() != body.len() {
        // Text between the children, or tags that do not balance: not what is expected,
        // leave it as it is.
        return xml.to_string();
    }
    children.sort_unstable();
    format!(
        "{}{}{}",
        &xml[..=open_end],
        children.concat(),
        &xml[close_at..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_attributes_and_container_children_are_sorted() {
        let a = "<?xml version=\"1.0\"?>\n<r xmlns:b=\"2\" xmlns:a=\"1\" v=\"x>y\"><office:styles><s n=\"b\"><t> </t></s><s n=\"a\"/></office:styles><body>z</body></r>";
        let b = "<?xml version=\"1.0\"?>\n<r v=\"x>y\" xmlns:a=\"1\" xmlns:b=\"2\"><office:styles><s n=\"a\"/><s n=\"b\"><t> </t></s></office:styles><body>z</body></r>";
        assert_eq!(canonical(a), canonical(b));
        assert_eq!(
            canonical(a),
            "<?xml version=\"1.0\"?>\n<r v=\"x>y\" xmlns:a=\"1\" xmlns:b=\"2\"><office:styles><s n=\"a\"/><s n=\"b\"><t> </t></s></office:styles><body>z</body></r>"
        );
    }
}
