//! RON's parse errors, said in Italian, with the names of the file's own parts.

use ::ron::error::{Error, SpannedError};

use super::messages::ron;
use super::problem::Position;

/// The Italian name of a part of a file, from the Rust type behind it.
fn part_name(rust: &str) -> String {
    let name = rust
        .trim_start_matches("struct ")
        .trim_start_matches("enum ");
    let italian = match name {
        "CallFile" | "CommissionFile" | "ApplicationFile" | "SheetFile" | "SessionFile" => "file",
        "Call" => "avviso",
        "Lot" => "lotto",
        "FundingRules" => "regole di finanziamento",
        "BudgetCategory" => "categoria di spesa",
        "CategoryCap" => "limite per categoria",
        "Criterion" => "criterio",
        "Level" => "livello",
        "Judgement" => "scala di giudizio",
        "RequiredDocument" => "documento richiesto",
        "Commission" => "commissione",
        "Member" => "componente",
        "Application" => "candidatura",
        "Party" => "soggetto",
        "BudgetLine" => "voce di costo",
        "CofinancingLine" => "quota di co-finanziamento",
        "DocumentEntry" => "documento",
        "Declared" => "dato dichiarato",
        "Decision" => "decisione",
        "ScoreSheet" => "scheda di valutazione",
        "Declaration" => "dichiarazione",
        "Conflict" => "conflitto di interessi",
        "Score" => "punteggio",
        "Session" => "seduta",
        "Draw" => "sorteggio",
        "Seal" => "sigillo",
        "Allocation" => "modalità di assegnazione",
        "CapBase" => "base del limite",
        "Scoring" => "metodo di valutazione",
        "Measure" => "misura",
        "TieBreak" => "criterio di parità",
        "LegalForm" => "forma giuridica",
        "Role" => "ruolo",
        "CofinancingKind" => "tipo di co-finanziamento",
        "DocumentStatus" => "stato del documento",
        "AdmissionOutcome" => "esito dell'ammissibilità",
        "ConflictKind" => "tipo di conflitto",
        "SessionKind" => "tipo di seduta",
        _ => return name.to_string(),
    };
    italian.to_string()
}

/// What serde expected, in Italian.
fn expected_name(expected: &str) -> String {
    match expected {
        "a string" | "a borrowed string" | "string" => "un testo tra virgolette".into(),
        "a boolean" => "true o false".into(),
        "u32" | "u64" | "u8" | "u16" | "usize" => "un numero intero non negativo".into(),
        "i8" | "i16" | "i32" | "i64" => "un numero intero".into(),
        "a sequence" => "un elenco tra parentesi quadre [ ]".into(),
        "option" => "Some(...) oppure None".into(),
        e if e.starts_with("struct ") => format!("un {} tra parentesi tonde ( )", part_name(e)),
        e if e.starts_with("enum ") => format!("un valore di {}", part_name(e)),
        e if e.starts_with("tuple variant") || e.starts_with("struct variant") => {
            "un valore tra parentesi tonde ( )".into()
        }
        e => e.to_string(),
    }
}

/// What was found instead, in Italian.
fn found_name(found: &str) -> String {
    if let Some(s) = found.strip_prefix("the string ") {
        return format!("il testo {s}");
    }
    if let Some(rest) = found
        .strip_prefix("the unsigned integer ")
        .or_else(|| found.strip_prefix("the signed integer "))
    {
        return format!("il numero {}", rest.trim_matches('`'));
    }
    if let Some(rest) = found.strip_prefix("the floating point number ") {
        return format!("il numero decimale {}", rest.trim_matches('`'));
    }
    if let Some(rest) = found.strip_prefix("the boolean ") {
        return format!("il valore {}", rest.trim_matches('`'));
    }
    match found {
        "a sequence" => "un elenco".into(),
        "a map" => "una mappa".into(),
        "a unit value" => "un valore vuoto ()".into(),
        "an optional value" => "Some(...) o None".into(),
        other => other.to_string(),
    }
}

fn alternatives(list: &[&str]) -> String {
    if list.is_empty() {
        "nessuno".into()
    } else {
        list.join(", ")
    }
}

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
        Error::ExpectedStructName(name) => ron::expected_name(part_name(name)),
        other => ron::syntax_error(other),
    }
}

pub fn position(error: &SpannedError) -> Position {
    Position {
        line: error.span.start.line.max(1),
        column: error.span.start.col.max(1),
    }
}
