//! RON's parse errors, said in Italian: which of the sentences of `messages::ron` each one is,
//! with the names of the file's own parts.

use ::ron::error::{Error, SpannedError};

use super::messages::ron::{self, alternatives, expected_name, found_name, part_name};
use super::problem::Position;

/// The Italian sentence for a RON error.
pub fn message(error: &Error) -> String {
    if let Some(text) = ron::syntax(error) {
        return text.into();
    }
    match error {
        Error::Message(m) => m.clone(),
        Error::Io(m) => ron::io(m),
        Error::UnexpectedChar(c) => ron::unexpected_char(c.escape_debug()),
        Error::InvalidValueForType { expected, found } => {
            ron::expected_found(expected_name(expected), found_name(found))
        }
        Error::ExpectedDifferentLength { expected, found } => {
            ron::expected_length(expected_name(expected), found)
        }
        Error::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => ron::no_such_value(
            found,
            outer.as_deref().map(part_name),
            &alternatives(expected),
        ),
        Error::NoSuchStructField {
            expected,
            found,
            outer,
        } => ron::no_such_field(
            found,
            outer.as_deref().map(part_name),
            &alternatives(expected),
        ),
        Error::MissingStructField { field, outer } => {
            ron::missing_field(field, outer.as_deref().map(part_name))
        }
        Error::DuplicateStructField { field, outer } => {
            ron::field_twice(field, outer.as_deref().map(part_name))
        }
        Error::ExpectedDifferentStructName { expected, found } => {
            ron::expected_name_found(part_name(expected), found)
        }
        Error::ExpectedStructName(name) => ron::expected_the_name(part_name(name)),
        other => ron::syntax_error(other),
    }
}

pub fn position(error: &SpannedError) -> Position {
    Position {
        line: error.span.start.line.max(1),
        column: error.span.start.col.max(1),
    }
}
