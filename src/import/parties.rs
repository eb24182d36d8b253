//! The parties of an application: the applicant's columns and each partner's
//! (`partner_1_denominazione`...), with the tax code checked and the legal form read.

use std::collections::BTreeMap;

use super::columns::{self, Record};
use super::legal_form::legal_form;
use super::messages;
use super::plan::{Findings, Place};
use super::table::Value;
use super::values;
use crate::domain::tax_code::check_tax_code;
use crate::domain::{LegalForm, Party};

/// Where a party's cells are: the applicant's own columns, or a partner's.
pub struct Fields {
    label: String,
    /// Field name → column, for a partner; `None` for the applicant (the layout's own columns).
    partner: Option<BTreeMap<&'static str, usize>>,
}

impl Fields {
    pub fn main() -> Fields {
        Fields {
            label: String::new(),
            partner: None,
        }
    }

    pub fn partner(n: u32, cols: &BTreeMap<&'static str, usize>) -> Fields {
        Fields {
            label: messages::of_partner(n),
            partner: Some(cols.clone()),
        }
    }

    fn value<'a>(&self, record: &Record<'a>, field: &str) -> &'a Value {
        match &self.partner {
            None => record.value(field),
            Some(cols) => cols
                .get(field)
                .map_or(&Value::Empty, |&c| record.row.cell(c)),
        }
    }

    fn place(&self, record: &Record, field: &str) -> Place {
        match &self.partner {
            None => record.place(field),
            Some(cols) => record
                .layout
                .place(Some(record.row.number), cols.get(field).copied()),
        }
    }

    pub fn all<'a>(&self, record: &Record<'a>) -> Vec<&'a Value> {
        columns::PARTNER
            .iter()
            .map(|f| self.value(record, f.name))
            .collect()
    }
}

pub fn party(
    record: &Record,
    fields: &Fields,
    key: &str,
    findings: &mut Findings,
) -> Option<Party> {
    let mut ok = true;
    let mut required = |field: &str, what: &str| -> String {
        match values::required_text(fields.value(record, field)) {
            Ok(t) => t,
            Err(e) => {
                ok = false;
                findings.error(
                    key,
                    fields.place(record, field),
                    messages::party_value(what, &fields.label, e),
                );
                String::new()
            }
        }
    };
    let name = required("denominazione", messages::party::NAME);
    let form_text = required("forma_giuridica", messages::party::LEGAL_FORM);
    let tax_code = match tax_code(fields.value(record, "codice_fiscale")) {
        Ok((code, notice)) => {
            if let Some(n) = notice {
                findings.notice(fields.place(record, "codice_fiscale"), n);
            }
            code
        }
        Err(message) => {
            ok = false;
            findings.error(key, fields.place(record, "codice_fiscale"), message);
            String::new()
        }
    };
    let legal_form = if form_text.is_empty() {
        LegalForm::Other(String::new())
    } else {
        let (form, notice) = legal_form(&form_text);
        if let Some(n) = notice {
            findings.notice(fields.place(record, "forma_giuridica"), n);
        }
        form
    };
    let text = |field: &str| values::text(fields.value(record, field));
    ok.then(|| Party {
        name,
        tax_code,
        legal_form,
        pec: text("pec"),
        representative: text("rappresentante_legale"),
        address: text("indirizzo"),
    })
}

/// A tax code, normalised (no spaces, upper case, no "IT" before a VAT number), with its check
/// character verified. A spreadsheet that took an entity's code for a number dropped its
/// leading zeros: they are put back only if the check digit then holds, and the user is told.
fn tax_code(value: &Value) -> Result<(String, Option<String>), String> {
    let text = values::required_text(value).map_err(messages::tax_code_value)?;
    let mut code: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    if code.len() == 13 && code.starts_with("IT") && code[2..].bytes().all(|b| b.is_ascii_digit()) {
        code.drain(..2);
    }
    if let Value::Number(_) = value
        && code.len() < 11
        && code.bytes().all(|b| b.is_ascii_digit())
    {
        let padded = format!("{code:0>11}");
        return match check_tax_code(&padded) {
            Ok(_) => Ok((padded.clone(), Some(messages::zeros_put_back(&padded)))),
            Err(e) => Err(messages::zeros_dropped(e)),
        };
    }
    check_tax_code(&code)
        .map(|_| (code, None))
        .map_err(|e| e.to_string())
}
