//! Finds where in a file a field holds a value, to point at the line of an inconsistency found
//! after parsing (an unknown lot, a duplicate protocol).

use super::problem::Position;

pub fn position_of_offset(text: &str, offset: usize) -> Position {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Position { line, column }
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The position of `value` after `field` (as `field: "value"`, `field: value` or
/// `Field("value")`), else of the quoted value anywhere, else of the field, else 1:1.
pub fn locate(text: &str, field: &str, value: &str) -> Position {
    let quoted = format!("{value:?}");
    let bytes = text.as_bytes();
    if !field.is_empty() {
        let mut from = 0;
        while let Some(found) = text[from..].find(field) {
            let start = from + found;
            let end = start + field.len();
            from = end;
            let bounded = (start == 0 || !is_ident_byte(bytes[start - 1]))
                && (end >= bytes.len() || !is_ident_byte(bytes[end]));
            if !bounded {
                continue;
            }
            let rest = &text[end..];
            let trimmed = rest.trim_start();
            let Some(after) = trimmed
                .strip_prefix(':')
                .or_else(|| trimmed.strip_prefix('('))
            else {
                continue;
            };
            let after_trim = after.trim_start();
            let value_at = text.len() - after_trim.len();
            if value.is_empty() || after_trim.starts_with(&quoted) || after_trim.starts_with(value)
            {
                return position_of_offset(text, value_at);
            }
        }
    }
    if !value.is_empty()
        && let Some(at) = text.find(&quoted)
    {
        return position_of_offset(text, at);
    }
    if !field.is_empty()
        && let Some(at) = text.find(field)
    {
        return position_of_offset(text, at);
    }
    Position { line: 1, column: 1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_field_with_its_value() {
        let text = "(\n    lot: \"a\",\n    x: (lot: \"b\"),\n)\n";
        assert_eq!(
            locate(text, "lot", "b"),
            Position {
                line: 3,
                column: 14
            }
        );
        assert_eq!(
            locate(text, "lot", "a"),
            Position {
                line: 2,
                column: 10
            }
        );
    }

    #[test]
    fn falls_back_to_the_value_then_the_field() {
        let text = "(\n    present: [\"m1\", \"m9\"],\n)";
        assert_eq!(
            locate(text, "present", "m9"),
            Position {
                line: 2,
                column: 21
            }
        );
        assert_eq!(
            locate(text, "absent", "zz"),
            Position { line: 1, column: 1 }
        );
    }

    #[test]
    fn variants_with_a_value_are_found() {
        let text = "tie_breaks: [EarlierSubmission, Criterion(\"Z\")]";
        assert_eq!(
            locate(text, "Criterion", "Z"),
            Position {
                line: 1,
                column: 43
            }
        );
    }
}
