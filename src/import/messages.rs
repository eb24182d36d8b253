//! The import's sentences, in one place: what is wrong with a file's columns, rows, values and
//! parties, what an update changes, why an import is not written, why a spreadsheet is not
//! read. The error types say theirs in their `#[error]` attributes (`values::ValueError`,
//! `plan::ApplyError`) and the displayed types in their `Display` (`plan::Place`,
//! `dialect::BadByte`, `dialect::Dialect`); the template's instructions are the template's
//! own text, in `template`.

use std::fmt::Display;

// The columns.

pub(super) fn empty_file(required: &str) -> String {
    format!("il file è vuoto: servono un'intestazione con le colonne {required} e almeno una riga")
}

pub(super) fn column_unknown(raw: impl Display) -> String {
    format!("colonna «{raw}» non riconosciuta: ignorata")
}

pub(super) fn column_repeated(
    raw: impl Display,
    first: impl Display,
    first_header: &str,
    name: impl Display,
) -> String {
    format!(
        "la colonna «{raw}» ripete la colonna {first} («{first_header}»): entrambe sarebbero «{name}», e non si può scegliere"
    )
}

pub(super) fn columns_missing(missing: &str, kind: &str, required: &str) -> String {
    format!("mancano le colonne {missing} (file di {kind}: servono {required})")
}

/// Said after [`columns_missing`] when a CSV header reads as one column.
pub(super) fn one_column(separator: u8) -> String {
    let separator = if separator == b'\t' {
        "la tabulazione".to_string()
    } else {
        format!("«{}»", separator as char)
    };
    format!(
        "; l'intestazione sembra avere una sola colonna: il separatore riconosciuto è {separator}, e deve essere «;», «,» o la tabulazione"
    )
}

// Legal forms.

pub(super) fn third_sector_unspecified(stated: &str) -> String {
    format!(
        "la forma giuridica «{stated}» non dice quale ente del terzo settore sia (APS, ODV, cooperativa sociale, impresa sociale, fondazione...): registrata così com'è; se l'avviso ammette solo alcune forme, il controllo di ammissibilità la segnalerà"
    )
}

pub(super) fn legal_form_unknown(stated: &str) -> String {
    format!(
        "la forma giuridica «{stated}» non è tra quelle note al programma: registrata così com'è; se l'avviso ammette solo alcune forme, il controllo di ammissibilità la segnalerà"
    )
}

// The applications' rows.

pub(super) const STRAY_CELLS: &str = "la riga ha un valore oltre l'ultima colonna dell'intestazione: forse un campo contiene il separatore e non è tra virgolette";

/// A row named in the preview when it has no protocol.
pub(super) fn row(number: impl Display) -> String {
    format!("riga {number}")
}

pub(super) fn protocol_spelled_otherwise_at(
    protocol: impl Display,
    other: impl Display,
    row: impl Display,
) -> String {
    format!(
        "il protocollo «{protocol}» è lo stesso numero di «{other}» alla riga {row}, scritto in un altro modo: ogni candidatura va in una riga sola, con un solo protocollo"
    )
}

pub(super) fn protocol_also_at(protocol: impl Display, row: impl Display) -> String {
    format!(
        "il protocollo «{protocol}» compare anche alla riga {row}: ogni candidatura va in una riga sola"
    )
}

pub(super) fn protocol_already_at(protocol: impl Display, row: impl Display) -> String {
    format!(
        "il protocollo «{protocol}» compare già alla riga {row}: ogni candidatura va in una riga sola"
    )
}

pub(super) fn application_nowhere(protocol: impl Display) -> String {
    format!("la candidatura «{protocol}» non è nel file delle candidature né nell'avviso")
}

/// A protocol that does not read: `why`.
pub(super) fn protocol_needed(why: &str) -> String {
    format!("{why}: ogni candidatura ha il suo numero di protocollo")
}

pub(super) fn protocol_spelled_as_registered(
    protocol: impl Display,
    other: impl Display,
) -> String {
    format!(
        "il protocollo «{protocol}» è lo stesso numero della candidatura già registrata «{other}», scritto in un altro modo: per aggiornarla va scritto «{other}»"
    )
}

pub(super) fn lot_value(error: impl Display) -> String {
    format!("lotto: {error}")
}

pub(super) fn lot_missing(lot: &str, lots: &str) -> String {
    format!("il lotto «{lot}» non esiste nell'avviso (lotti: {lots})")
}

pub(super) fn protocol_of_another(
    protocol: impl Display,
    name: impl Display,
    tax_code: impl Display,
) -> String {
    format!(
        "il protocollo «{protocol}» è già registrato nell'avviso per «{name}» (codice fiscale {tax_code}): una nuova versione della candidatura deve avere lo stesso soggetto proponente; se è un'altra candidatura, ha un altro protocollo"
    )
}

// What an update changes, as the preview lists it.

/// `what` ([`changed`]) goes from `old` to `new`; an empty value is a dash.
pub(super) fn changed(what: &str, old: &str, new: &str) -> String {
    let dash = |v: &str| {
        if v.is_empty() {
            "—".to_string()
        } else {
            v.to_string()
        }
    };
    format!("{what}: {} → {}", dash(old), dash(new))
}

pub(super) fn budget_changed(
    old: impl Display,
    old_lines: usize,
    new: impl Display,
    new_lines: usize,
) -> String {
    format!("voci di costo: {old} ({old_lines} voci) → {new} ({new_lines} voci)")
}

pub(super) fn cofinancing_changed(
    old: impl Display,
    old_lines: usize,
    new: impl Display,
    new_lines: usize,
) -> String {
    format!("co-finanziamento: {old} ({old_lines} righe) → {new} ({new_lines} righe)")
}

/// The names of an application's data in the list of what an update changes.
pub(super) mod changed {
    pub(in crate::import) const RECEIVED_AT: &str = "ricevuta il";
    pub(in crate::import) const LOT: &str = "lotto";
    pub(in crate::import) const TITLE: &str = "titolo";
    pub(in crate::import) const SUMMARY: &str = "sintesi";
    pub(in crate::import) const NAME: &str = "denominazione";
    pub(in crate::import) const TAX_CODE: &str = "codice fiscale";
    pub(in crate::import) const LEGAL_FORM: &str = "forma giuridica";
    pub(in crate::import) const PEC: &str = "PEC";
    pub(in crate::import) const REPRESENTATIVE: &str = "rappresentante legale";
    pub(in crate::import) const ADDRESS: &str = "indirizzo";
    pub(in crate::import) const PARTNERS: &str = "partner";
    pub(in crate::import) const REQUESTED: &str = "contributo richiesto";
}

// Budget and co-financing rows.

pub(super) fn line_without_protocol(why: &str, kind: &str) -> String {
    format!(
        "{why}: senza il protocollo non si sa a quale candidatura appartenga questa riga di {kind}, e nessuna candidatura si può importare senza tutte le sue righe"
    )
}

pub(super) fn category_missing(category: &str, categories: &str) -> String {
    format!("la categoria di spesa «{category}» non è tra quelle dell'avviso ({categories})")
}

// Scores.

pub(super) fn score_also_at(
    member: impl Display,
    application: impl Display,
    criterion: impl Display,
    row: impl Display,
) -> String {
    format!(
        "il punteggio di «{member}» sulla candidatura «{application}», criterio «{criterion}», compare anche alla riga {row}: va dato una volta sola"
    )
}

pub(super) fn application_missing(application: impl Display) -> String {
    format!("la candidatura «{application}» non esiste nell'avviso")
}

pub(super) fn scores_in_conflict(member: impl Display, application: impl Display) -> String {
    format!(
        "«{member}» ha dichiarato un conflitto di interessi con la candidatura «{application}» e non può valutarla"
    )
}

pub(super) const REASON_MISSING: &str =
    "manca la motivazione: è obbligatoria per ogni giudizio discrezionale";

pub(super) fn member_value(error: impl Display) -> String {
    format!("commissario: {error}")
}

pub(super) fn secretary_does_not_score(member: &str) -> String {
    format!("«{member}» è il segretario verbalizzante e non esprime punteggi")
}

pub(super) fn not_a_member(member: &str, members: &str) -> String {
    format!("«{member}» non è un componente della commissione (componenti: {members})")
}

pub(super) fn criterion_value(error: impl Display) -> String {
    format!("criterio: {error}")
}

/// A criterion the members do not score: computed from the application's data (`leaf`) or
/// the sum of its sub-criteria.
pub(super) fn criterion_not_scored(criterion: impl Display, leaf: bool, scored: &str) -> String {
    let why = if leaf {
        "si calcola dai dati della candidatura"
    } else {
        "è la somma dei suoi sub-criteri"
    };
    format!(
        "il criterio «{criterion}» non riceve punteggi dai commissari ({why}; criteri da valutare: {scored})"
    )
}

pub(super) fn criterion_missing(criterion: &str, scored: &str) -> String {
    format!("il criterio «{criterion}» non esiste nell'avviso (criteri da valutare: {scored})")
}

pub(super) fn not_a_score(value: impl Display) -> String {
    format!("«{value}» non è un punteggio valido")
}

pub(super) fn value_changed(old: impl Display, new: impl Display) -> String {
    format!("valore: {old} → {new}")
}

pub(super) fn reason_changed(old: impl Display, new: impl Display) -> String {
    format!("motivazione: «{old}» → «{new}»")
}

// The parties.

/// How a partner's data are named in a message ("la denominazione del partner 2").
pub(super) fn of_partner(n: u32) -> String {
    format!("del partner {n}")
}

pub(super) fn tax_code_value(error: impl Display) -> String {
    format!("codice fiscale: {error}")
}

pub(super) fn zeros_put_back(code: &str) -> String {
    format!(
        "la cella era un numero e il foglio di calcolo aveva tolto gli zeri iniziali: codice fiscale letto come {code} (il carattere di controllo torna)"
    )
}

pub(super) fn zeros_dropped(error: impl Display) -> String {
    format!(
        "{error}; la cella è un numero: se il codice iniziava con zeri, il foglio di calcolo li ha tolti (formattare la colonna come testo)"
    )
}

// Writing an import.

pub(super) fn applications_imported(count: usize) -> String {
    format!("importazione di {count} candidature")
}

pub(super) fn scores_imported(members: usize) -> String {
    format!("importazione dei punteggi di {members} componenti")
}

pub(super) fn application_changed(application: impl Display) -> String {
    format!("la candidatura {application} è stata modificata")
}

pub(super) fn sheet_changed(member: impl Display) -> String {
    format!("la scheda di valutazione di {member} è stata modificata")
}

// Reading a spreadsheet.

pub(super) fn too_many_cells(max: impl Display, row: u64, column: impl Display) -> String {
    format!(
        "il foglio si estende oltre {max} celle (fino alla riga {row} e alla colonna {column}): non è un modulo da importare"
    )
}

pub(super) fn too_much_text(megabytes: impl Display, row: u64) -> String {
    format!(
        "le celle del foglio contengono più di {megabytes} MB di testo (alla riga {row}): non è un modulo da importare"
    )
}

pub(super) fn in_sheet(sheet: &str, error: impl Display) -> String {
    format!("foglio «{sheet}»: {error}")
}

pub(super) fn bad_date(serial: f64) -> String {
    format!("data non valida ({serial})")
}

pub(super) fn duration(serial: f64) -> String {
    format!("durata ({serial})")
}

pub(super) const NO_CONTENT: &str = "manca il contenuto del foglio (content.xml)";

pub(super) fn bad_xml(error: impl Display) -> String {
    format!("XML non leggibile: {error}")
}

pub(super) const TRUNCATED: &str = "il foglio finisce a metà (XML troncato)";

pub(super) fn too_many_rows(max: impl Display) -> String {
    format!("il foglio va oltre l'ultima riga ({max}): non è un modulo da importare")
}

pub(super) fn too_many_columns(max: impl Display) -> String {
    format!("una riga va oltre l'ultima colonna ({max}): non è un modulo da importare")
}

/// A party's value that does not read: `what` ([`party`]) of the applicant (`whose` empty) or
/// of a partner ([`of_partner`]).
pub(super) fn party_value(what: &str, whose: &str, error: impl Display) -> String {
    format!("{what} {whose}: {error}")
        .replace("  ", " ")
        .replace(" :", ":")
}

/// The names of a party's data in a message.
pub(super) mod party {
    pub(in crate::import) const NAME: &str = "denominazione";
    pub(in crate::import) const LEGAL_FORM: &str = "forma giuridica";
}
