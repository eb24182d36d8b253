//! The text of a score sheet, written directly: the same bytes as the general writer
//! (`save::to_text::<SheetFile>`, pretty RON), about four times faster.
//!
//! A sheet is the file saved after every mark a member gives, and on a large call it holds
//! 40,000 marks with their reasons (ten megabytes). RON's serializer escapes every character of
//! every text through a chain of iterators; here plain ASCII is copied as it is and only other
//! characters go through the same escaping (`char::escape_debug`). The structs are taken apart
//! field by field, so that a new field cannot be forgotten: it stops the build. A test holds
//! both writers to the same bytes on every sample and on random sheets.

use std::fmt::Write;

use super::files::{FORMAT, FileKind, SheetFile};
use crate::domain::{Conflict, ConflictKind, Declaration, Score, ScoreSheet, Withdrawal};

/// The file's full text, header included, as `to_text::<SheetFile>` writes it.
pub fn sheet_text(sheet: &ScoreSheet) -> String {
    let ScoreSheet {
        member,
        revision,
        declarations,
        scores,
        withdrawals,
    } = sheet;
    let size = 256
        + declarations.len() * 96
        + scores
            .iter()
            .map(|s| 128 + s.reason.len() + s.application.as_str().len())
            .sum::<usize>();
    let mut out = String::with_capacity(size);
    out.push_str(SheetFile::HEADER);
    out.push('\n');
    out.push_str("#![enable(implicit_some)]\n(\n");
    let _ = writeln!(out, "    format: {FORMAT},");
    out.push_str("    sheet: (\n");
    field_str(&mut out, 2, "member", member.as_str());
    let _ = writeln!(out, "        revision: {revision},");
    list(&mut out, "declarations", declarations, declaration);
    list(&mut out, "scores", scores, score);
    // Written only when there are some, as the general writer does (`skip_serializing_if`).
    if !withdrawals.is_empty() {
        list(&mut out, "withdrawals", withdrawals, withdrawal);
    }
    out.push_str("    ),\n)\n");
    out
}

/// `name: [ ... ],` at the sheet's level (two), its items one level further in, one a line.
fn list<T>(out: &mut String, name: &str, items: &[T], item: fn(&mut String, &T)) {
    if items.is_empty() {
        let _ = writeln!(out, "        {name}: [],");
        return;
    }
    let _ = writeln!(out, "        {name}: [");
    for i in items {
        out.push_str("            (");
        item(out, i);
        out.push_str("),\n");
    }
    out.push_str("        ],\n");
}

fn declaration(out: &mut String, d: &Declaration) {
    let Declaration {
        application,
        conflict,
    } = d;
    text_field(out, "application", application.as_str());
    match conflict {
        None => out.push_str(", conflict: None"),
        Some(c) => conflict_field(out, c),
    }
}

fn conflict_field(out: &mut String, c: &Conflict) {
    let Conflict { kind, note } = c;
    let kind = match kind {
        ConflictKind::Kinship => "Kinship",
        ConflictKind::Professional => "Professional",
        ConflictKind::Other => "Other",
    };
    let _ = write!(out, ", conflict: (kind: {kind}, ");
    text_field(out, "note", note);
    out.push(')');
}

fn withdrawal(out: &mut String, w: &Withdrawal) {
    let Withdrawal {
        application,
        conflict,
        reason,
        at,
        session,
    } = w;
    text_field(out, "application", application.as_str());
    conflict_field(out, conflict);
    out.push_str(", ");
    text_field(out, "reason", reason);
    out.push_str(", ");
    text_field(out, "at", &at.to_string());
    match session {
        None => out.push_str(", session: None"),
        Some(s) => {
            out.push_str(", ");
            text_field(out, "session", s.as_str());
        }
    }
}

fn score(out: &mut String, s: &Score) {
    let Score {
        application,
        criterion,
        value,
        reason,
    } = s;
    text_field(out, "application", application.as_str());
    out.push_str(", ");
    text_field(out, "criterion", criterion.as_str());
    // Points are written as their text, as their own `Serialize` does (`collect_str`).
    let _ = write!(out, ", value: \"{value}\", ");
    text_field(out, "reason", reason);
}

/// `name: "text"` inside a line.
fn text_field(out: &mut String, name: &str, text: &str) {
    out.push_str(name);
    out.push_str(": \"");
    escaped(out, text);
    out.push('"');
}

/// `name: "text",` at `level` (four spaces each), on a line of its own.
fn field_str(out: &mut String, level: usize, name: &str, text: &str) {
    for _ in 0..level {
        out.push_str("    ");
    }
    text_field(out, name, text);
    out.push_str(",\n");
}

/// A text as RON escapes it (`char::escape_debug` on each character), except the apostrophe,
/// which the files keep plain (see `save::unescape_apostrophes`).
fn escaped(out: &mut String, text: &str) {
    let mut plain = 0;
    for (i, c) in text.char_indices() {
        let as_is = matches!(c, ' '..='~') && c != '"' && c != '\\';
        if as_is {
            continue;
        }
        out.push_str(&text[plain..i]);
        plain = i + c.len_utf8();
        if c == '\'' {
            out.push('\'');
        } else {
            out.extend(c.escape_debug());
        }
    }
    out.push_str(&text[plain..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CriterionId, MemberId, Points, Protocol};
    use crate::workspace::save::to_text;

    fn sheet(texts: &[&str]) -> ScoreSheet {
        let mut sheet = ScoreSheet::new(MemberId::new("m-1").unwrap());
        sheet.revision = 7;
        for (i, t) in texts.iter().enumerate() {
            let application = Protocol::new(format!("2026/{i:04}")).unwrap();
            sheet.declarations.push(Declaration {
                application: application.clone(),
                conflict: (i % 2 == 1).then(|| Conflict {
                    kind: ConflictKind::Kinship,
                    note: t.to_string(),
                }),
            });
            sheet.scores.push(Score {
                application: application.clone(),
                criterion: CriterionId::new("B.1").unwrap(),
                value: Points::parse("0.75").unwrap(),
                reason: t.to_string(),
            });
            if i % 3 == 2 {
                sheet.withdrawals.push(crate::domain::Withdrawal {
                    application,
                    conflict: Conflict {
                        kind: ConflictKind::Other,
                        note: t.to_string(),
                    },
                    reason: t.to_string(),
                    at: crate::domain::Moment::parse("2026-03-19T15:04:05+01:00").unwrap(),
                    session: (i % 2 == 0).then(|| crate::domain::SessionId::new("s2").unwrap()),
                });
            }
        }
        sheet
    }

    #[test]
    fn an_empty_sheet_and_awkward_texts_read_as_the_general_writer_writes_them() {
        for s in [
            sheet(&[]),
            sheet(&[
                "",
                "l'avviso \"tra virgolette\" e \\ barra",
                "à è ì ò ù € «» — e\u{301} \u{200b}",
                "riga\nnuova\ttab\r\u{0}\u{7f}\u{1b}",
                "\\'",
                "😀 \u{feff} \u{2028}",
            ]),
        ] {
            assert_eq!(sheet_text(&s), to_text::<SheetFile>(s.clone()).unwrap());
        }
    }

    #[test]
    fn a_sheet_written_one_field_a_line_as_earlier_versions_did_reads_the_same() {
        let s = sheet(&["una", "l'altra \"citata\"", "tre"]);
        let config = ron::ser::PrettyConfig::new()
            .new_line("\n")
            .indentor("    ")
            .separate_tuple_members(false)
            .enumerate_arrays(false)
            .struct_names(false)
            .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
        let body = ron::ser::to_string_pretty(&SheetFile::wrap(s.clone()), config).unwrap();
        let earlier = format!("{}\n{}\n", SheetFile::HEADER, body);
        assert!(earlier.contains("\n                criterion: \"B.1\",\n"));
        let now = sheet_text(&s);
        assert!(now.contains("\n            (application: \"2026/0000\", criterion: \"B.1\", value: \"0.75\", reason: \"una\"),\n"));
        assert!(now.len() < earlier.len());
        let path = std::path::Path::new("schede/m-1.ron");
        let parse = |text: &str| crate::workspace::load::parse::<SheetFile>(path, text).unwrap();
        assert_eq!(parse(&earlier), s);
        assert_eq!(parse(&now), s);
    }
}
