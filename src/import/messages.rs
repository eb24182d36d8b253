//! The import's sentences about the columns of a file and the legal forms it names. (The
//! values' errors say theirs in `values::ValueError`; the rows' checks in `applications`,
//! `lines`, `scores`, `parties`, the readers `dialect`, `ods`, `cells`, `table` and the
//! template's instructions in `template` still write theirs where they are made.)

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
