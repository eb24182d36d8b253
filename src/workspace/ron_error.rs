//! RON's parse errors, said in Italian, with the names of the file's own parts.

use ron::error::{Error, SpannedError};

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
    if let Some(text) = syntax(error) {
        return text.into();
    }
    match error {
        Error::Message(m) => m.clone(),
        Error::Io(m) => format!("errore di lettura: {m}"),
        Error::UnexpectedChar(c) => format!("carattere inatteso «{}»", c.escape_debug()),
        Error::InvalidValueForType { expected, found } => {
            format!(
                "atteso {}, trovato {}",
                expected_name(expected),
                found_name(found)
            )
        }
        Error::ExpectedDifferentLength { expected, found } => {
            format!(
                "atteso {}, trovati {found} elementi",
                expected_name(expected)
            )
        }
        Error::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => format!(
            "«{found}» non è un valore ammesso{}: i valori ammessi sono {}",
            outer
                .as_ref()
                .map(|o| format!(" per {}", part_name(o)))
                .unwrap_or_default(),
            alternatives(expected)
        ),
        Error::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "campo sconosciuto «{found}»{}: i campi ammessi sono {}",
            outer
                .as_ref()
                .map(|o| format!(" in {}", part_name(o)))
                .unwrap_or_default(),
            alternatives(expected)
        ),
        Error::MissingStructField { field, outer } => format!(
            "manca il campo obbligatorio «{field}»{}",
            outer
                .as_ref()
                .map(|o| format!(" in {}", part_name(o)))
                .unwrap_or_default()
        ),
        Error::DuplicateStructField { field, outer } => format!(
            "il campo «{field}» compare due volte{}",
            outer
                .as_ref()
                .map(|o| format!(" in {}", part_name(o)))
                .unwrap_or_default()
        ),
        Error::ExpectedDifferentStructName { expected, found } => {
            format!("atteso {}, trovato «{found}»", part_name(expected))
        }
        Error::ExpectedStructName(name) => format!("atteso il nome {}", part_name(name)),
        other => format!("errore di sintassi ({other})"),
    }
}

/// The sentence for an error of syntax that names no value, if `error` is one.
fn syntax(error: &Error) -> Option<&'static str> {
    let text = match error {
        Error::Eof => {
            "il file finisce prima del previsto: manca una parentesi di chiusura o una virgolette"
        }
        Error::ExpectedComma => "manca una virgola tra due elementi",
        Error::ExpectedArray => "atteso un elenco tra parentesi quadre: manca «[»",
        Error::ExpectedArrayEnd => {
            "manca la parentesi quadra di chiusura «]» (o una virgola tra due elementi)"
        }
        Error::ExpectedStructLike | Error::ExpectedNamedStructLike(_) => {
            "manca la parentesi tonda di apertura «(»"
        }
        Error::ExpectedStructLikeEnd | Error::ExpectedOptionEnd => {
            "manca la parentesi tonda di chiusura «)» (o una virgola tra due campi)"
        }
        Error::ExpectedMap => "manca la parentesi graffa di apertura «{»",
        Error::ExpectedMapColon => "mancano i due punti «:» dopo il nome del campo",
        Error::ExpectedMapEnd => "manca la parentesi graffa di chiusura «}»",
        Error::ExpectedString | Error::ExpectedStringEnd => {
            "atteso un testo tra virgolette \"...\""
        }
        Error::ExpectedBoolean => "atteso true o false",
        Error::ExpectedInteger | Error::IntegerOutOfBounds | Error::InvalidIntegerDigit { .. } => {
            "atteso un numero intero"
        }
        Error::ExpectedFloat | Error::FloatUnderscore | Error::UnderscoreAtBeginning => {
            "numero non valido: i numeri con decimali vanno scritti tra virgolette, come \"12.50\""
        }
        Error::ExpectedOption => "atteso Some(...) oppure None",
        Error::ExpectedIdentifier => "atteso il nome di un campo o di un valore",
        Error::ExpectedUnit => "atteso ()",
        Error::InvalidEscape(_) => "sequenza di escape non valida in un testo (\\)",
        Error::UnclosedBlockComment | Error::UnclosedLineComment => "commento non chiuso",
        Error::TrailingCharacters => "c'è altro testo dopo la fine del contenuto",
        Error::Utf8Error(_) => "il file non è testo UTF-8 valido",
        Error::ExceededRecursionLimit => "il contenuto è annidato troppo in profondità",
        _ => return None,
    };
    Some(text)
}

pub fn position(error: &SpannedError) -> Position {
    Position {
        line: error.span.start.line.max(1),
        column: error.span.start.col.max(1),
    }
}
