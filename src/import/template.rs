//! The import template: a workbook with the three sheets an import of applications reads
//! (applications, budget lines, co-financing) with their exact columns, an Italian sheet of
//! instructions, and drop-down lists of the call's lots, of the legal forms, of the kinds of
//! co-financing and of the budget categories, so that what is filled in imports as it is.
//! XLSX and ODS; the same call gives the same bytes.

use std::path::Path;

use super::workbook::{FIXED_YEAR, WriteError, normalize_ods};
use crate::domain::{Call, LegalForm};
use crate::italian;

/// The columns of the applications' sheet, as the import reads them (see README, Importing).
pub const APPLICATION_COLUMNS: [&str; 24] = [
    "protocollo",
    "ricevuta_il",
    "denominazione",
    "codice_fiscale",
    "forma_giuridica",
    "pec",
    "rappresentante_legale",
    "indirizzo",
    "lotto",
    "titolo",
    "sintesi",
    "contributo_richiesto",
    "partner_1_denominazione",
    "partner_1_codice_fiscale",
    "partner_1_forma_giuridica",
    "partner_1_pec",
    "partner_1_rappresentante_legale",
    "partner_1_indirizzo",
    "partner_2_denominazione",
    "partner_2_codice_fiscale",
    "partner_2_forma_giuridica",
    "partner_2_pec",
    "partner_2_rappresentante_legale",
    "partner_2_indirizzo",
];
pub const BUDGET_COLUMNS: [&str; 4] = ["protocollo", "categoria", "descrizione", "importo"];
pub const COFINANCING_COLUMNS: [&str; 4] = ["protocollo", "fonte", "tipo", "importo"];

pub const APPLICATIONS_SHEET: &str = "candidature";
pub const BUDGET_SHEET: &str = "voci di costo";
pub const COFINANCING_SHEET: &str = "co-finanziamento";
pub const INSTRUCTIONS_SHEET: &str = "istruzioni";
const LISTS_SHEET: &str = "elenchi";

/// The kinds of co-financing, as the import reads them.
pub const COFINANCING_KINDS: [&str; 2] = ["monetario", "in_natura"];

/// Rows of each data sheet that offer the drop-down lists.
const ROWS: u32 = 1000;

/// The legal forms of the drop-down list, in words the import reads back.
pub fn legal_forms() -> Vec<String> {
    [
        LegalForm::SocialPromotionAssociation,
        LegalForm::VolunteerOrganisation,
        LegalForm::SocialCooperative,
        LegalForm::SocialEnterprise,
        LegalForm::Foundation,
        LegalForm::Association,
        LegalForm::ReligiousBody,
        LegalForm::Company,
        LegalForm::PublicBody,
        LegalForm::InformalGroup,
    ]
    .iter()
    .map(italian::legal_form)
    .collect()
}

/// The lists the drop-downs offer, one per column of the «elenchi» sheet.
struct Lists {
    lots: Vec<String>,
    forms: Vec<String>,
    kinds: Vec<String>,
    categories: Vec<String>,
}

impl Lists {
    fn of(call: &Call) -> Lists {
        Lists {
            lots: call.lots.iter().map(|l| l.name.clone()).collect(),
            forms: legal_forms(),
            kinds: COFINANCING_KINDS.iter().map(|k| k.to_string()).collect(),
            categories: call
                .budget_categories
                .iter()
                .map(|c| c.name.clone())
                .collect(),
        }
    }

    fn columns(&self) -> [(&'static str, &Vec<String>); 4] {
        [
            ("lotti", &self.lots),
            ("forme giuridiche", &self.forms),
            ("tipi di co-finanziamento", &self.kinds),
            ("categorie di spesa", &self.categories),
        ]
    }
}

/// Where a drop-down applies: the sheet, its column, and the column of «elenchi» it lists.
struct Dropdown {
    sheet: usize,
    column: u16,
    list: u16,
    /// Only a warning for values not in the list (a legal form the list does not have is kept
    /// as written, and the call's admissibility check decides).
    strict: bool,
}

fn dropdowns(lists: &Lists) -> Vec<Dropdown> {
    let col =
        |name: &str, columns: &[&str]| columns.iter().position(|c| *c == name).unwrap_or(0) as u16;
    let mut out = vec![Dropdown {
        sheet: 0,
        column: col("lotto", &APPLICATION_COLUMNS),
        list: 0,
        strict: true,
    }];
    for form in [
        "forma_giuridica",
        "partner_1_forma_giuridica",
        "partner_2_forma_giuridica",
    ] {
        out.push(Dropdown {
            sheet: 0,
            column: col(form, &APPLICATION_COLUMNS),
            list: 1,
            strict: false,
        });
    }
    out.push(Dropdown {
        sheet: 2,
        column: col("tipo", &COFINANCING_COLUMNS),
        list: 2,
        strict: true,
    });
    if !lists.categories.is_empty() {
        out.push(Dropdown {
            sheet: 1,
            column: col("categoria", &BUDGET_COLUMNS),
            list: 3,
            strict: true,
        });
    }
    out
}

/// The instructions, one paragraph per row.
fn instructions(call: &Call) -> Vec<String> {
    let lots: Vec<String> = call
        .lots
        .iter()
        .map(|l| format!("«{}» (oppure {})", l.name, l.id))
        .collect();
    let categories = if call.budget_categories.is_empty() {
        "qualsiasi voce (l'avviso non fissa categorie)".to_string()
    } else {
        call.budget_categories
            .iter()
            .map(|c| format!("«{}» (oppure {})", c.name, c.id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    vec![
        format!("Modello per l'importazione delle candidature – {}", call.title),
        String::new(),
        "Come si compila".into(),
        "Il foglio «candidature» ha una riga per candidatura; «voci di costo» una riga per voce del piano finanziario; «co-finanziamento» una riga per quota. Le righe dei tre fogli si collegano con il numero di protocollo. Non cambiare i nomi delle colonne (la prima riga); le colonne vuote si possono lasciare vuote, quelle obbligatorie no.".into(),
        "Obbligatorie in «candidature»: protocollo, ricevuta_il, denominazione, codice_fiscale, forma_giuridica, lotto, titolo, contributo_richiesto. Facoltative: pec, rappresentante_legale, indirizzo, sintesi e, per un'associazione temporanea di scopo (ATS), i dati dei partner nelle colonne partner_1_… e partner_2_….".into(),
        "Date e ore, ora di Roma, con il giorno prima del mese e sempre con l'ora: 02/03/2026 10:15 (oppure 02/03/2026 10:15:30 con i secondi).".into(),
        "Importi in euro, all'italiana: 79.000,00 oppure 79000,00; al massimo due decimali.".into(),
        "Codici fiscali e partite IVA come nella domanda: il controllo del carattere finale lo fa il programma.".into(),
        format!("Lotti dell'avviso (elenco a tendina nella colonna «lotto»): {}.", lots.join(", ")),
        "Forme giuridiche (elenco a tendina): associazione di promozione sociale, organizzazione di volontariato, cooperativa sociale, impresa sociale, fondazione, associazione, ente religioso, società, ente pubblico, gruppo informale. Si possono scrivere anche le sigle (APS, ODV); un'altra forma è tenuta com'è scritta.".into(),
        format!("Categorie di spesa (colonna «categoria»): {categories}."),
        "Tipo di co-finanziamento (colonna «tipo»): monetario oppure in_natura (valorizzazione di ore di volontariato, spazi, attrezzature).".into(),
        String::new(),
        "Come si importa".into(),
        "Nella finestra: vista Candidature, «Importa da foglio di calcolo…», scegliere questo file per i tre riquadri; l'anteprima mostra riga per riga che cosa sarà registrato e ogni errore con foglio, riga e colonna. Nulla è scritto finché non si preme «Importa».".into(),
        "Da riga di comando: commissione import CARTELLA --applications modello.xlsx --budget modello.xlsx --cofinancing modello.xlsx (con --dry-run per vedere soltanto il piano).".into(),
        "Reimportare lo stesso file non cambia nulla; una versione più recente di una candidatura (stesso protocollo, stesso codice fiscale) la aggiorna.".into(),
        String::new(),
        "Esempio di riga di «candidature»: 2026/0004512 | 02/03/2026 10:15 | Società Cooperativa Sociale Il Ponte | 00944850148 | cooperativa sociale | ponte@pec.it | … | (un lotto dell'elenco) | Un ponte per il quartiere | … | 79.000,00".into(),
        "Esempio di «voci di costo»: 2026/0004512 | (una categoria) | Coordinatore e animatori | 90.000,00".into(),
        "Esempio di «co-finanziamento»: 2026/0004512 | fondi propri | monetario | 14.000,00".into(),
    ]
}

/// Which workbook to write, by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateFormat {
    Xlsx,
    Ods,
}

impl TemplateFormat {
    pub fn of(path: &Path) -> Option<TemplateFormat> {
        let ext = path.extension()?.to_string_lossy().to_lowercase();
        match ext.as_str() {
            "xlsx" => Some(TemplateFormat::Xlsx),
            "ods" => Some(TemplateFormat::Ods),
            _ => None,
        }
    }
}

/// The template of `call` in `format`.
pub fn template(call: &Call, format: TemplateFormat) -> Result<Vec<u8>, WriteError> {
    match format {
        TemplateFormat::Xlsx => xlsx(call),
        TemplateFormat::Ods => ods(call),
    }
}

fn sheets() -> [(&'static str, &'static [&'static str]); 3] {
    [
        (APPLICATIONS_SHEET, &APPLICATION_COLUMNS),
        (BUDGET_SHEET, &BUDGET_COLUMNS),
        (COFINANCING_SHEET, &COFINANCING_COLUMNS),
    ]
}

fn xlsx(call: &Call) -> Result<Vec<u8>, WriteError> {
    use rust_xlsxwriter::{
        DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, Formula,
        Workbook,
    };
    let err = |e: rust_xlsxwriter::XlsxError| WriteError::Xlsx(e.to_string());
    let lists = Lists::of(call);
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(FIXED_YEAR, 1, 1).map_err(err)?;
    book.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_author("Commissione")
            .set_title("Modello per l'importazione delle candidature"),
    );
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    for (name, columns) in sheets() {
        let sheet = book.add_worksheet();
        sheet.set_name(name).map_err(err)?;
        for (c, header) in columns.iter().enumerate() {
            let c = c as u16;
            sheet
                .write_string_with_format(0, c, *header, &bold)
                .map_err(err)?;
            sheet
                .set_column_width(c, (header.len() as f64 + 4.0).max(14.0))
                .map_err(err)?;
            // Protocols and tax codes are text: a spreadsheet would drop their leading zeros.
            if matches!(*header, "protocollo") || header.ends_with("codice_fiscale") {
                sheet.set_column_format(c, &text).map_err(err)?;
            }
        }
        sheet.set_freeze_panes(1, 0).map_err(err)?;
    }
    let sheet = book.add_worksheet();
    sheet.set_name(INSTRUCTIONS_SHEET).map_err(err)?;
    sheet.set_column_width(0, 120).map_err(err)?;
    let wrap = Format::new().set_text_wrap();
    for (r, line) in instructions(call).iter().enumerate() {
        let format = if r == 0 || line == "Come si compila" || line == "Come si importa" {
            &bold
        } else {
            &wrap
        };
        sheet
            .write_string_with_format(r as u32, 0, line, format)
            .map_err(err)?;
    }
    let sheet = book.add_worksheet();
    sheet.set_name(LISTS_SHEET).map_err(err)?;
    for (c, (title, values)) in lists.columns().iter().enumerate() {
        let c = c as u16;
        sheet
            .write_string_with_format(0, c, *title, &bold)
            .map_err(err)?;
        sheet.set_column_width(c, 40).map_err(err)?;
        for (r, v) in values.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c, v).map_err(err)?;
        }
    }
    let columns = lists.columns();
    for d in dropdowns(&lists) {
        let count = columns[d.list as usize].1.len().max(1) as u32;
        let letter = (b'A' + d.list as u8) as char;
        let range = format!("='{LISTS_SHEET}'!${letter}$2:${letter}${}", count + 1);
        let mut validation = DataValidation::new()
            .allow_list_formula(Formula::new(range))
            .ignore_blank(true);
        if !d.strict {
            validation = validation.set_error_style(DataValidationErrorStyle::Warning);
        }
        let sheet = book.worksheet_from_index(d.sheet).map_err(err)?;
        sheet
            .add_data_validation(1, d.column, ROWS, d.column, &validation)
            .map_err(err)?;
    }
    book.save_to_buffer().map_err(err)
}

fn ods(call: &Call) -> Result<Vec<u8>, WriteError> {
    use spreadsheet_ods::condition::Condition;
    use spreadsheet_ods::validation::{
        MessageType, Validation, ValidationDisplay, ValidationError,
    };
    use spreadsheet_ods::{CellRange, CellStyle, Length, Sheet, WorkBook};
    let err = |e: spreadsheet_ods::OdsError| WriteError::Ods(e.to_string());
    let lists = Lists::of(call);
    let mut book = WorkBook::new_empty();
    let mut bold = CellStyle::new_empty();
    bold.set_name("intestazione");
    bold.set_font_bold();
    let bold = book.add_cellstyle(bold);
    let mut data: Vec<Sheet> = Vec::new();
    for (name, columns) in sheets() {
        let mut sheet = Sheet::new(name);
        for (c, header) in columns.iter().enumerate() {
            sheet.set_styled_value(0, c as u32, *header, &bold);
            sheet.set_col_width(c as u32, Length::Cm(4.0));
        }
        data.push(sheet);
    }
    let columns = lists.columns();
    for (i, d) in dropdowns(&lists).into_iter().enumerate() {
        let count = columns[d.list as usize].1.len().max(1) as u32;
        let mut v = Validation::new();
        v.set_name(format!("elenco{i}"));
        v.set_condition(Condition::content_is_in_cellrange(CellRange::remote(
            LISTS_SHEET,
            1,
            d.list as u32,
            count,
            d.list as u32,
        )));
        v.set_allow_empty(true);
        v.set_display(ValidationDisplay::Unsorted);
        if !d.strict {
            let mut warning = ValidationError::new();
            warning.set_msg_type(MessageType::Warning);
            v.set_err(Some(warning));
        }
        let r = book.add_validation(v);
        for row in 1..=ROWS {
            data[d.sheet].set_validation(row, d.column as u32, &r);
        }
    }
    for sheet in data {
        book.push_sheet(sheet);
    }
    let mut sheet = Sheet::new(INSTRUCTIONS_SHEET);
    sheet.set_col_width(0, Length::Cm(30.0));
    for (r, line) in instructions(call).iter().enumerate() {
        if r == 0 || line == "Come si compila" || line == "Come si importa" {
            sheet.set_styled_value(r as u32, 0, line.as_str(), &bold);
        } else {
            sheet.set_value(r as u32, 0, line.as_str());
        }
    }
    book.push_sheet(sheet);
    let mut sheet = Sheet::new(LISTS_SHEET);
    for (c, (title, values)) in columns.iter().enumerate() {
        sheet.set_styled_value(0, c as u32, *title, &bold);
        sheet.set_col_width(c as u32, Length::Cm(8.0));
        for (r, v) in values.iter().enumerate() {
            sheet.set_value(r as u32 + 1, c as u32, v.as_str());
        }
    }
    book.push_sheet(sheet);
    let bytes = spreadsheet_ods::write_ods_buf(&mut book, Vec::new()).map_err(err)?;
    let bytes = sort_validations(&bytes).map_err(|e| WriteError::Ods(e.to_string()))?;
    normalize_ods(&bytes).map_err(|e| WriteError::Ods(e.to_string()))
}

/// spreadsheet-ods writes the validations in the order of a hash map: they are put in the
/// order of their names, so that the same call gives the same bytes.
fn sort_validations(bytes: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    use std::io::{Cursor, Read, Write};
    const OPEN: &str = "<table:content-validations>";
    const CLOSE: &str = "</table:content-validations>";
    const ITEM_END: &str = "</table:content-validation>";
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let name = archive.by_index_raw(i)?.name().to_string();
        if name != "content.xml" {
            out.raw_copy_file(archive.by_index_raw(i)?)?;
            continue;
        }
        let mut xml = String::new();
        archive.by_index(i)?.read_to_string(&mut xml)?;
        if let (Some(start), Some(end)) = (xml.find(OPEN), xml.find(CLOSE)) {
            let inner = &xml[start + OPEN.len()..end];
            let mut items: Vec<String> = inner
                .split_inclusive(ITEM_END)
                .map(str::to_string)
                .collect();
            items.sort();
            xml = format!(
                "{}{}{}",
                &xml[..start + OPEN.len()],
                items.concat(),
                &xml[end..]
            );
        }
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        out.start_file(name, options)?;
        out.write_all(xml.as_bytes())?;
    }
    Ok(out.finish()?.into_inner())
}
