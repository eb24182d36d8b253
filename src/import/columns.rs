//! The columns of each kind of file, found by their Italian headers in any order, whatever
//! their case and accents; a few other names form platforms use are accepted too. Unknown
//! columns are reported and ignored.

use std::collections::BTreeMap;

use super::plan::{Column, Place, Problem, Severity};
use super::table::{Book, Row, Value};
use super::values::{fold, text};

/// A column the import knows: its name, other headers meaning the same, and whether the file
/// must have it.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub required: bool,
}

const fn field(name: &'static str, aliases: &'static [&'static str], required: bool) -> Field {
    Field {
        name,
        aliases,
        required,
    }
}

const APPLICATIONS: &[Field] = &[
    field(
        "protocollo",
        &[
            "numero_protocollo",
            "n_protocollo",
            "numero_di_protocollo",
            "protocollo_n",
        ],
        true,
    ),
    field(
        "ricevuta_il",
        &[
            "data_ricezione",
            "data_e_ora_di_ricezione",
            "ricevuta",
            "data_invio",
            "inviata_il",
            "informazioni_cronologiche",
        ],
        true,
    ),
    field(
        "denominazione",
        &[
            "ragione_sociale",
            "denominazione_ente",
            "soggetto_proponente",
            "nome_ente",
        ],
        true,
    ),
    field(
        "codice_fiscale",
        &[
            "cf",
            "codice_fiscale_partita_iva",
            "codice_fiscale_o_partita_iva",
            "partita_iva",
            "p_iva",
        ],
        true,
    ),
    field(
        "forma_giuridica",
        &["natura_giuridica", "tipologia_ente"],
        true,
    ),
    field(
        "pec",
        &[
            "indirizzo_pec",
            "email_pec",
            "posta_elettronica_certificata",
        ],
        false,
    ),
    field("lotto", &["ambito", "spazio"], true),
    field(
        "titolo",
        &[
            "titolo_proposta",
            "titolo_della_proposta",
            "titolo_progetto",
            "titolo_del_progetto",
        ],
        true,
    ),
    field(
        "contributo_richiesto",
        &["importo_richiesto", "contributo"],
        true,
    ),
    field("rappresentante_legale", &["legale_rappresentante"], false),
    field("indirizzo", &["sede_legale", "sede"], false),
    field("sintesi", &["sintesi_proposta", "abstract"], false),
];

const BUDGET: &[Field] = &[
    field("protocollo", &["numero_protocollo", "n_protocollo"], true),
    field(
        "categoria",
        &["categoria_di_spesa", "voce", "voce_di_costo"],
        true,
    ),
    field("descrizione", &["dettaglio"], false),
    field("importo", &["costo", "importo_euro"], true),
];

const COFINANCING: &[Field] = &[
    field("protocollo", &["numero_protocollo", "n_protocollo"], true),
    field("fonte", &["soggetto", "provenienza"], false),
    field("tipo", &["natura", "tipologia"], true),
    field("importo", &["importo_euro"], true),
];

const SCORES: &[Field] = &[
    field("commissario", &["componente", "membro"], true),
    field(
        "protocollo",
        &["numero_protocollo", "n_protocollo", "candidatura"],
        true,
    ),
    field("criterio", &["sub_criterio"], true),
    field("valore", &["punteggio", "giudizio", "coefficiente"], true),
    field("motivazione", &["motivo"], true),
];

/// The fields of a partner of an ATS, in columns named `partner_1_denominazione`...
pub const PARTNER: &[Field] = &[
    field("denominazione", &["ragione_sociale"], true),
    field("codice_fiscale", &["cf", "partita_iva"], true),
    field("forma_giuridica", &["natura_giuridica"], true),
    field("pec", &[], false),
    field("rappresentante_legale", &["legale_rappresentante"], false),
    field("indirizzo", &["sede_legale", "sede"], false),
];

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Applications,
    Budget,
    Cofinancing,
    Scores,
}

impl Kind {
    pub fn fields(self) -> &'static [Field] {
        match self {
            Kind::Applications => APPLICATIONS,
            Kind::Budget => BUDGET,
            Kind::Cofinancing => COFINANCING,
            Kind::Scores => SCORES,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Applications => "candidature",
            Kind::Budget => "voci di costo",
            Kind::Cofinancing => "co-finanziamento",
            Kind::Scores => "punteggi",
        }
    }

    /// "File delle candidature", as a heading says it.
    pub fn title(self) -> &'static str {
        match self {
            Kind::Applications => "File delle candidature",
            Kind::Budget => "File delle voci di costo",
            Kind::Cofinancing => "File del co-finanziamento",
            Kind::Scores => "File dei punteggi",
        }
    }
}

/// Where the columns are in one sheet of a file.
#[derive(Debug, Clone)]
pub struct Layout {
    pub file: String,
    /// Named only when the workbook has several sheets.
    pub sheet_name: Option<String>,
    pub sheet: usize,
    pub header_row: u32,
    pub headers: Vec<String>,
    columns: BTreeMap<&'static str, usize>,
    /// Partner number → its fields' columns.
    pub partners: BTreeMap<u32, BTreeMap<&'static str, usize>>,
}

impl Layout {
    pub fn has(&self, field: &str) -> bool {
        self.columns.contains_key(field)
    }

    /// The rows under the header.
    pub fn rows<'a>(&self, book: &'a Book) -> &'a [Row] {
        let rows = &book.sheets[self.sheet].rows;
        let start = rows
            .iter()
            .position(|r| r.number > self.header_row)
            .unwrap_or(rows.len());
        &rows[start..]
    }

    pub fn column(&self, index: usize) -> Column {
        Column {
            index,
            header: self.headers.get(index).cloned().unwrap_or_default(),
        }
    }

    pub fn place(&self, row: Option<u32>, column: Option<usize>) -> Place {
        Place {
            file: self.file.clone(),
            sheet: self.sheet_name.clone(),
            row,
            column: column.map(|c| self.column(c)),
        }
    }

    /// A row seen through the layout.
    pub fn record<'a>(&'a self, row: &'a Row) -> Record<'a> {
        Record { layout: self, row }
    }
}

/// One row's cells by field name.
#[derive(Clone, Copy)]
pub struct Record<'a> {
    pub layout: &'a Layout,
    pub row: &'a Row,
}

impl<'a> Record<'a> {
    pub fn value(&self, field: &str) -> &'a Value {
        match self.layout.columns.get(field) {
            Some(&c) => self.row.cell(c),
            None => &Value::Empty,
        }
    }

    pub fn text(&self, field: &str) -> String {
        text(self.value(field))
    }

    pub fn place(&self, field: &str) -> Place {
        self.layout.place(
            Some(self.row.number),
            self.layout.columns.get(field).copied(),
        )
    }

    pub fn row_ref(&self) -> super::plan::RowRef {
        super::plan::RowRef {
            file: self.layout.file.clone(),
            sheet: self.layout.sheet_name.clone(),
            row: self.row.number,
        }
    }

    pub fn problem(&self, field: &str, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Error,
            place: self.place(field),
            message: message.into(),
        }
    }

    /// The first cell of a known column (the partners' too) whose text holds a control
    /// character (see [`crate::domain::text`]), as a problem naming its row and column: a
    /// reason, a summary or a description may hold line breaks and tabs, nothing else.
    pub fn control_character(&self) -> Option<Problem> {
        use crate::domain::text::{self, Kind};
        const PARAGRAPHS: &[&str] = &["sintesi", "descrizione", "motivazione"];
        let columns = self
            .layout
            .columns
            .iter()
            .map(|(name, c)| (*name, *c))
            .chain(
                self.layout
                    .partners
                    .values()
                    .flat_map(|fields| fields.iter().map(|(name, c)| (*name, *c))),
            );
        let mut cells: Vec<(&str, usize)> = columns.collect();
        cells.sort_by_key(|(_, c)| *c);
        cells.into_iter().find_map(|(name, c)| {
            let Value::Text(t) = self.row.cell(c) else {
                return None;
            };
            let kind = match PARAGRAPHS.contains(&name) {
                true => Kind::Paragraphs,
                false => Kind::Line,
            };
            let refused = text::check(t, kind).err()?;
            Some(Problem {
                severity: Severity::Error,
                place: self.layout.place(Some(self.row.number), Some(c)),
                message: format!("«{}» {refused}", text::visible(t.trim())),
            })
        })
    }

    /// Cells past the last header: a field split by an unquoted separator, most likely.
    pub fn stray_cells(&self) -> Option<usize> {
        let width = self.layout.headers.len();
        self.row
            .cells
            .iter()
            .skip(width)
            .position(|v| !v.is_empty())
            .map(|i| width + i)
    }
}

fn matches(field: &Field, header: &str) -> bool {
    header == field.name || field.aliases.contains(&header)
}

/// "partner_2_codice_fiscale" or "partner2_cf" → (2, "codice_fiscale").
fn partner_field(header: &str) -> Option<(u32, &'static str)> {
    let rest = header.strip_prefix("partner")?;
    let rest = rest.strip_prefix('_').unwrap_or(rest);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let n: u32 = digits.parse().ok()?;
    let name = rest[digits.len()..].strip_prefix('_')?;
    PARTNER
        .iter()
        .find(|f| matches(f, name))
        .map(|f| (n, f.name))
}

/// Finds the sheet and the header row of `kind` in `book`: the first sheet whose header (among
/// its first ten rows: some exports put a title above it) has every required column; failing
/// that, the one that comes closest, and a problem for each column missing.
pub fn locate(book: &Book, kind: Kind) -> (Option<Layout>, Vec<Problem>) {
    let mut best: Option<(usize, usize, u32)> = None; // (found, sheet, header row)
    let required: Vec<&Field> = kind.fields().iter().filter(|f| f.required).collect();
    'sheets: for (s, sheet) in book.sheets.iter().enumerate() {
        for row in sheet.rows.iter().take(10) {
            let headers: Vec<String> = row.cells.iter().map(|v| fold(&text(v))).collect();
            let found = required
                .iter()
                .filter(|f| headers.iter().any(|h| matches(f, h)))
                .count();
            if best.is_none_or(|(b, _, _)| found > b) {
                best = Some((found, s, row.number));
            }
            if found == required.len() {
                break 'sheets;
            }
        }
    }
    let several = book.sheets.len() > 1;
    let Some((_, s, header_row)) = best else {
        let message = super::messages::empty_file(&list(&required));
        return (None, vec![error(Place::file(&book.file), message)]);
    };
    let sheet = &book.sheets[s];
    let header = sheet.rows.iter().find(|r| r.number == header_row);
    let headers: Vec<String> = header
        .map(|r| r.cells.iter().map(text).collect())
        .unwrap_or_default();
    let mut layout = Layout {
        file: book.file.clone(),
        sheet_name: if several { sheet.name.clone() } else { None },
        sheet: s,
        header_row,
        headers: headers.clone(),
        columns: BTreeMap::new(),
        partners: BTreeMap::new(),
    };
    let mut problems = Vec::new();
    for (c, raw) in headers.iter().enumerate() {
        let folded = fold(raw);
        if folded.is_empty() {
            continue;
        }
        let here = layout.place(Some(header_row), Some(c));
        let known = kind
            .fields()
            .iter()
            .find(|f| matches(f, &folded))
            .map(|f| f.name);
        let partner = (kind == Kind::Applications)
            .then(|| partner_field(&folded))
            .flatten();
        let slot = match (known, partner) {
            (Some(name), _) => layout.columns.insert(name, c).map(|first| (name, first)),
            (None, Some((n, name))) => layout
                .partners
                .entry(n)
                .or_default()
                .insert(name, c)
                .map(|first| (name, first)),
            (None, None) => {
                problems.push(Problem {
                    severity: Severity::Notice,
                    place: here,
                    message: super::messages::column_unknown(raw),
                });
                continue;
            }
        };
        if let Some((name, first)) = slot {
            problems.push(error(
                here,
                super::messages::column_repeated(
                    raw,
                    super::table::column_letter(first),
                    headers.get(first).map(String::as_str).unwrap_or_default(),
                    name,
                ),
            ));
        }
    }
    let missing: Vec<&Field> = required
        .iter()
        .copied()
        .filter(|f| !layout.columns.contains_key(f.name))
        .collect();
    if !missing.is_empty() {
        let mut message =
            super::messages::columns_missing(&list(&missing), kind.label(), &list(&required));
        if let super::table::Format::Csv(d) = book.format
            && headers.len() <= 1
        {
            message.push_str(&super::messages::one_column(d.separator));
        }
        problems.push(error(layout.place(Some(header_row), None), message));
    }
    (Some(layout), problems)
}

fn list(fields: &[&Field]) -> String {
    fields.iter().map(|f| f.name).collect::<Vec<_>>().join(", ")
}

fn error(place: Place, message: String) -> Problem {
    Problem {
        severity: Severity::Error,
        place,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::table::from_bytes;

    #[test]
    fn headers_in_any_order_case_and_accents() {
        let book = from_bytes(
            "s.csv",
            "Titolo del sondaggio\nMotivazione;VALORE;Criterio;Protocollo;Commissario;Note\n"
                .as_bytes(),
        )
        .unwrap();
        let (layout, problems) = locate(&book, Kind::Scores);
        let layout = layout.unwrap();
        assert_eq!(layout.header_row, 2);
        assert!(layout.has("commissario") && layout.has("motivazione"));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].severity, Severity::Notice);
        assert_eq!(
            problems[0].to_string(),
            "s.csv, riga 2, colonna F (Note): colonna «Note» non riconosciuta: ignorata"
        );
    }

    #[test]
    fn partners_and_missing_columns() {
        let book = from_bytes(
            "d.csv",
            b"protocollo,denominazione,Partner 1 - Denominazione,partner_1_codice_fiscale,partner_2_cf\n",
        )
        .unwrap();
        let (layout, problems) = locate(&book, Kind::Applications);
        let layout = layout.unwrap();
        assert_eq!(layout.partners.len(), 2);
        assert_eq!(layout.partners[&1]["denominazione"], 2);
        let message = problems
            .iter()
            .find(|p| p.severity == Severity::Error)
            .unwrap()
            .to_string();
        assert!(
            message.contains("mancano le colonne ricevuta_il, codice_fiscale"),
            "{message}"
        );
    }
}
