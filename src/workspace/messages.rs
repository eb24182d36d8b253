//! The workspace's sentences, in one place: what an export may not write over, what the
//! journal finds changed, who holds the lock, what a transaction could not do, why a sheet
//! brought from another computer is not taken, what the operating system's errors (`os`) and
//! RON's (`ron`) are in Italian. The errors' own types say theirs in their `#[error]`
//! attributes; `os_error` chooses the sentence for an error, `ron_error` too, and names the
//! parts of a file and the values RON expected in Italian.

use std::fmt::Display;

// What an export may not write over.

/// `path` is a file of the call (`what`: one of [`kept`]).
pub(super) fn export_over_call_file(path: impl Display, what: &str) -> String {
    format!(
        "{path}: è {what} dell'avviso e un'esportazione non lo sovrascrive: scegliere un altro nome o un'altra cartella"
    )
}

/// What a file of the call is, named when an export would write over it.
pub(super) mod kept {
    pub(in crate::workspace) const FOLDER: &str = "la cartella";
    pub(in crate::workspace) const BACKUP: &str = "una copia di sicurezza di un file";
    pub(in crate::workspace) const SERVICE_FILE: &str = "un file di servizio";
    pub(in crate::workspace) const KEPT_RECORD: &str = "il verbale conservato di una seduta chiusa";
    pub(in crate::workspace) const DATA_FILE: &str = "un file dei dati";
    pub(in crate::workspace) const SEALED_MINUTES: &str =
        "un verbale sigillato alla chiusura di una seduta";
    pub(in crate::workspace) const SEALED_FOLDER: &str = "la cartella dei verbali sigillati";
    pub(in crate::workspace) const JOURNAL: &str = "il registro delle modifiche";
    pub(in crate::workspace) const LOCK: &str = "il file di blocco";
    pub(in crate::workspace) const INTENT: &str = "il file di un'operazione in corso";
    pub(in crate::workspace) const A_FOLDER: &str = "una cartella";
}

// The journal against the files.

pub(super) const FILE_MISSING: &str = "il file manca";
pub(super) const FILE_BACK: &str = "il file esiste, ma il registro dice che è stato tolto";
pub(super) const CONTENT_DIFFERS: &str = "il contenuto è diverso";

/// A file that differs from the journal's last entry on it (`problem`: [`FILE_MISSING`],
/// [`FILE_BACK`], [`CONTENT_DIFFERS`] or a system error).
pub(super) fn differs_from_journal(file: impl Display, problem: &str, seq: u64) -> String {
    format!(
        "{file}: {problem} da quanto registra l'ultima voce che lo riguarda (n. {seq}): il file è stato modificato fuori dal programma, o una modifica non è stata registrata"
    )
}

/// A journal written without entries (never, but said if it were).
pub(super) const NO_ENTRY: &str = "nessuna voce";

// The lock.

pub(super) const UNKNOWN_USER: &str = "utente sconosciuto";
pub(super) const UNKNOWN_HOST: &str = "computer sconosciuto";
/// Who holds a lock whose holder file cannot be read.
pub(super) const ANOTHER_PROGRAM: &str = "un altro programma";
pub(super) const SOME_COMPUTER: &str = "questo o un altro computer";

pub(super) fn still_open(who: impl Display, host: impl Display) -> String {
    format!("il programma di {who} su {host} è ancora aperto sull'avviso: chiuderlo prima")
}

// A member's sheet and the log of its changes.

pub(super) fn log_folded(member: impl Display) -> String {
    format!("modifiche alla scheda di {member} riportate nella scheda, scritta per intero")
}

pub(super) fn log_line_unreadable(error: impl Display) -> String {
    format!("la riga non è una modifica della scheda leggibile ({error})")
}

pub(super) fn log_without_sheet(sheet: impl Display) -> String {
    format!(
        "le modifiche di una scheda di valutazione senza la sua scheda ({sheet}): ripristinarla da {sheet}.bak, o togliere questo file"
    )
}

pub(super) const NOT_UTF8: &str = "il file non è testo UTF-8: è danneggiato";

// A sheet brought from another computer.

pub(super) fn newer_format(format: impl Display) -> String {
    format!("la scheda è nel formato {format}, scritto da una versione più recente di Commissione")
}

// Transactions.

pub(super) fn recovered_completed(what: impl Display) -> String {
    format!("Un'operazione interrotta ({what}) era già registrata ed è stata completata.")
}

pub(super) fn recovered_undone(what: impl Display) -> String {
    format!(
        "Un'operazione interrotta ({what}) non era stata completata ed è stata annullata: l'avviso è com'era prima."
    )
}

pub(super) const LOCK_TAKEN: &str =
    "un altro programma ha preso il blocco dell'avviso: questa modifica non è stata scritta";

/// A transaction that could not be put together (`why`: the file and what went wrong).
pub(super) fn transaction_broken(why: impl Display) -> String {
    format!("{why}; non è stato scritto nulla")
}

pub(super) fn intent_unreadable(intent: impl Display) -> String {
    format!("{intent}: il file dell'operazione in corso non è leggibile: controllarlo a mano")
}

// Simulated faults (for the tests of crashes): `step` names the step of a
// write at which the program stops.

pub(super) fn paused_at(step: &str) -> String {
    format!("in pausa al passo «{step}»")
}

pub(super) fn killed_at(step: &str) -> String {
    format!("guasto simulato: processo terminato al passo «{step}»")
}

/// The operating system's errors, in a short Italian sentence without the file (see
/// `os_error::describe`).
pub(super) mod os {
    pub(in crate::workspace) const DISK_FULL: &str = "il disco è pieno";
    pub(in crate::workspace) const NOT_FOUND: &str = "il file non esiste o non esiste più";
    pub(in crate::workspace) const PERMISSION_DENIED: &str =
        "permesso negato: il sistema non consente di leggere o scrivere qui";
    pub(in crate::workspace) const READ_ONLY: &str = "il disco è in sola lettura";
    pub(in crate::workspace) const ALREADY_EXISTS: &str = "il file esiste già";
    pub(in crate::workspace) const IS_A_FOLDER: &str = "è una cartella, non un file";
    pub(in crate::workspace) const NOT_A_FOLDER: &str = "una parte del percorso non è una cartella";
    pub(in crate::workspace) const FOLDER_NOT_EMPTY: &str = "la cartella non è vuota";
    pub(in crate::workspace) const INVALID_NAME: &str =
        "il nome del file non è valido o è troppo lungo";
    pub(in crate::workspace) const FILE_TOO_LARGE: &str = "il file è troppo grande";
    pub(in crate::workspace) const INTERRUPTED: &str = "l'operazione è stata interrotta";
    pub(in crate::workspace) const TIMED_OUT: &str = "il disco o la cartella di rete non risponde";
    pub(in crate::workspace) const CROSSES_DEVICES: &str =
        "non si può spostare un file da un disco a un altro";
    pub(in crate::workspace) const BUSY: &str = "il file è in uso da un altro programma";
    pub(in crate::workspace) const NETWORK_GONE: &str =
        "la cartella di rete non è più raggiungibile";
    pub(in crate::workspace) const INVALID_DATA: &str =
        "il contenuto del file non è leggibile (non è testo UTF-8, o è danneggiato)";
    pub(in crate::workspace) const NOT_A_FILE: &str = "il percorso non indica un file ordinario";
    pub(in crate::workspace) const TRUNCATED: &str =
        "il file finisce prima del previsto (è troncato)";
    pub(in crate::workspace) const OUT_OF_MEMORY: &str = "la memoria del computer non basta";
    pub(in crate::workspace) const UNSUPPORTED: &str = "il disco non consente questa operazione";
    pub(in crate::workspace) const WRITE_ZERO: &str =
        "il disco non accetta altri dati (forse è pieno)";
    pub(in crate::workspace) const SYSTEM: &str = "errore del sistema operativo";
    pub(in crate::workspace) const DISK_IO: &str = "errore di lettura o scrittura sul disco (il disco potrebbe essere danneggiato o scollegato)";
    pub(in crate::workspace) const NO_LOCKS: &str = "il disco non consente di bloccare i file";
    pub(in crate::workspace) const TOO_MANY_FILES: &str = "troppi file aperti nello stesso momento";
    pub(in crate::workspace) const NAME_TOO_LONG: &str = "il nome del file è troppo lungo";
    pub(in crate::workspace) const LINK_LOOP: &str =
        "il percorso contiene un ciclo di collegamenti simbolici";
    pub(in crate::workspace) const NO_DEVICE: &str =
        "il dispositivo non è disponibile (un disco scollegato?)";

    pub(in crate::workspace) fn system_code(code: i32) -> String {
        format!("errore del sistema operativo (codice {code})")
    }
}

/// RON's parse errors (see `ron_error::message`); `outer` is the Italian name of the part the
/// error is in, the values' names are put into Italian by `ron_error` too.
pub(super) mod ron {
    use std::fmt::Display;

    use ::ron::error::Error;

    /// The Italian name of a part of a file, from the Rust type behind it.
    pub(in crate::workspace) fn part_name(rust: &str) -> String {
        let name = rust
            .trim_start_matches("struct ")
            .trim_start_matches("enum ");
        let italian = match name {
            "CallFile" | "CommissionFile" | "ApplicationFile" | "SheetFile" | "SessionFile" => {
                "file"
            }
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
    pub(in crate::workspace) fn expected_name(expected: &str) -> String {
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
    pub(in crate::workspace) fn found_name(found: &str) -> String {
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

    pub(in crate::workspace) fn alternatives(list: &[&str]) -> String {
        if list.is_empty() {
            "nessuno".into()
        } else {
            list.join(", ")
        }
    }

    pub(in crate::workspace) fn io(message: impl Display) -> String {
        format!("errore di lettura: {message}")
    }

    pub(in crate::workspace) fn unexpected_char(c: impl Display) -> String {
        format!("carattere inatteso «{c}»")
    }

    pub(in crate::workspace) fn expected_found(
        expected: impl Display,
        found: impl Display,
    ) -> String {
        format!("atteso {expected}, trovato {found}")
    }

    pub(in crate::workspace) fn expected_length(
        expected: impl Display,
        found: impl Display,
    ) -> String {
        format!("atteso {expected}, trovati {found} elementi")
    }

    pub(in crate::workspace) fn no_such_value(
        found: impl Display,
        outer: Option<String>,
        allowed: &str,
    ) -> String {
        let outer = outer.map(|o| format!(" per {o}")).unwrap_or_default();
        format!("«{found}» non è un valore ammesso{outer}: i valori ammessi sono {allowed}")
    }

    pub(in crate::workspace) fn no_such_field(
        found: impl Display,
        outer: Option<String>,
        allowed: &str,
    ) -> String {
        let outer = outer.map(|o| format!(" in {o}")).unwrap_or_default();
        format!("campo sconosciuto «{found}»{outer}: i campi ammessi sono {allowed}")
    }

    pub(in crate::workspace) fn missing_field(
        field: impl Display,
        outer: Option<String>,
    ) -> String {
        let outer = outer.map(|o| format!(" in {o}")).unwrap_or_default();
        format!("manca il campo obbligatorio «{field}»{outer}")
    }

    pub(in crate::workspace) fn field_twice(field: impl Display, outer: Option<String>) -> String {
        let outer = outer.map(|o| format!(" in {o}")).unwrap_or_default();
        format!("il campo «{field}» compare due volte{outer}")
    }

    pub(in crate::workspace) fn expected_name_found(
        expected: impl Display,
        found: impl Display,
    ) -> String {
        format!("atteso {expected}, trovato «{found}»")
    }

    pub(in crate::workspace) fn expected_the_name(name: impl Display) -> String {
        format!("atteso il nome {name}")
    }

    pub(in crate::workspace) fn syntax_error(error: impl Display) -> String {
        format!("errore di sintassi ({error})")
    }

    /// The sentence for an error of syntax that names no value, if `error` is one.
    pub(in crate::workspace) fn syntax(error: &Error) -> Option<&'static str> {
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
            Error::ExpectedInteger
            | Error::IntegerOutOfBounds
            | Error::InvalidIntegerDigit { .. } => "atteso un numero intero",
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
}

/// What reading a file of the call finds wrong before it is even parsed, and the parse's own.
pub(super) mod load {
    pub(in crate::workspace) const NOT_A_CALL_FOLDER: &str =
        "non è una cartella: un avviso è una cartella di file .ron";
    pub(in crate::workspace) const A_FOLDER_NOT_A_FILE: &str =
        "è una cartella, ma qui ci vuole un file";
    pub(in crate::workspace) const NOT_UTF8: &str =
        "il file non è testo UTF-8: salvarlo con la codifica UTF-8";
    pub(in crate::workspace) const EMPTY: &str = "il file è vuoto";
    pub(in crate::workspace) const MISSING: &str = "non esiste";
    pub(in crate::workspace) const FORMAT_ZERO: &str = "la versione del formato non può essere 0";
    pub(in crate::workspace) const NOT_A_REGULAR_FILE: &str = "non è un file ordinario (è una pipe, un dispositivo o un collegamento a uno di essi): non viene letto";

    /// A file of `size` bytes, over what any file of the call may have.
    pub(in crate::workspace) fn too_large(size: u64) -> String {
        format!("il file è troppo grande ({size} byte): non è un file di Commissione")
    }

    /// A file of `size` bytes, over the `limit` of what is read.
    pub(in crate::workspace) fn over_the_limit(size: u64, limit: u64) -> String {
        format!(
            "il file è troppo grande ({size} byte, oltre il limite di {limit}): non viene letto"
        )
    }

    /// Zero bytes in the text of the file `name`.
    pub(in crate::workspace) fn null_bytes(name: &str) -> String {
        format!(
            "il file contiene byte nulli: è danneggiato (succede dopo un'interruzione di corrente o un guasto del disco); ripristinare la versione precedente da {name}.bak o correggerlo a mano"
        )
    }

    /// A text opened and never closed: RON read on to `line`, `column`, where it stopped for
    /// `why`.
    pub(in crate::workspace) fn unclosed_text(line: usize, column: usize, why: String) -> String {
        format!(
            "manca la virgoletta di chiusura «\"» del testo che inizia qui: la lettura prosegue fino a riga {line}, colonna {column}, dove si ferma ({why})"
        )
    }

    /// A file in format `n`, newer than the `known` one this version reads.
    pub(in crate::workspace) fn newer_format(n: u32, known: u32) -> String {
        format!(
            "il file è nel formato {n}, scritto da una versione più recente di Commissione; questa versione legge il formato {known}"
        )
    }
}
