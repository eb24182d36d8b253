//! The budget and co-financing files: one row per line, tied to its application by the
//! protocol number. A row that cannot be tied to an application stops the import, since the
//! application it belongs to would otherwise be written without it.

use std::collections::BTreeMap;

use super::columns::{Kind, Layout};
use super::messages;
use super::plan::{Findings, RowRef};
use super::table::Book;
use super::values::{self, fold};
use crate::domain::{BudgetLine, Call, CategoryId, CofinancingLine, Protocol};

/// Every line of one file for one application, with the rows it came from.
#[derive(Debug, Clone)]
pub struct Lines<T> {
    pub lines: Vec<T>,
    pub rows: Vec<RowRef>,
}

impl<T> Default for Lines<T> {
    fn default() -> Self {
        Lines {
            lines: Vec::new(),
            rows: Vec::new(),
        }
    }
}

pub type ByProtocol<T> = BTreeMap<Protocol, Lines<T>>;

/// The protocol of a row of a budget or co-financing file; `None` (and a blocking problem)
/// when it cannot be read.
fn protocol(
    record: &super::columns::Record,
    findings: &mut Findings,
    kind: Kind,
) -> Option<Protocol> {
    let why = match values::required_text(record.value("protocollo")) {
        Ok(text) => match Protocol::new(text) {
            Ok(p) => return Some(p),
            Err(e) => e.to_string(),
        },
        Err(e) => e.to_string(),
    };
    findings.blocking(
        record.place("protocollo"),
        messages::line_without_protocol(&why, kind.label()),
    );
    None
}

fn stray(record: &super::columns::Record, key: &str, findings: &mut Findings) {
    if let Some(c) = record.stray_cells() {
        findings.error(
            key,
            record.layout.place(Some(record.row.number), Some(c)),
            messages::STRAY_CELLS,
        );
    }
    if let Some(problem) = record.control_character() {
        findings.error(key, problem.place, problem.message);
    }
}

/// The budget lines of `book`, by application.
pub fn budget(
    book: &Book,
    layout: &Layout,
    call: &Call,
    findings: &mut Findings,
) -> ByProtocol<BudgetLine> {
    let mark = book.decimal_mark();
    let mut out: ByProtocol<BudgetLine> = BTreeMap::new();
    for row in layout.rows(book) {
        let record = layout.record(row);
        let Some(protocol) = protocol(&record, findings, Kind::Budget) else {
            continue;
        };
        let key = protocol.to_string();
        stray(&record, &key, findings);
        let entry = out.entry(protocol).or_default();
        entry.rows.push(record.row_ref());
        let category = values::required_text(record.value("categoria"))
            .map_err(|e| e.to_string())
            .and_then(|text| category(call, &text))
            .map_err(|m| findings.error(&key, record.place("categoria"), m));
        let amount = values::money(record.value("importo"), mark)
            .map_err(|e| findings.error(&key, record.place("importo"), e.to_string()));
        if let (Ok(category), Ok(amount)) = (category, amount) {
            entry.lines.push(BudgetLine {
                category,
                description: record.text("descrizione"),
                amount,
            });
        }
    }
    out
}

/// The co-financing lines of `book`, by application.
pub fn cofinancing(
    book: &Book,
    layout: &Layout,
    findings: &mut Findings,
) -> ByProtocol<CofinancingLine> {
    let mark = book.decimal_mark();
    let mut out: ByProtocol<CofinancingLine> = BTreeMap::new();
    for row in layout.rows(book) {
        let record = layout.record(row);
        let Some(protocol) = protocol(&record, findings, Kind::Cofinancing) else {
            continue;
        };
        let key = protocol.to_string();
        stray(&record, &key, findings);
        let entry = out.entry(protocol).or_default();
        entry.rows.push(record.row_ref());
        let kind = values::cofinancing_kind(record.value("tipo"))
            .map_err(|e| findings.error(&key, record.place("tipo"), e.to_string()));
        let amount = values::money(record.value("importo"), mark)
            .map_err(|e| findings.error(&key, record.place("importo"), e.to_string()));
        if let (Ok(kind), Ok(amount)) = (kind, amount) {
            entry.lines.push(CofinancingLine {
                source: record.text("fonte"),
                kind,
                amount,
            });
        }
    }
    out
}

/// A budget category as typed: the call's id or name, whatever the case and accents. When the
/// call lists no categories any is accepted, but one that names a category a cap refers to
/// ("Spese generali" for "spese_generali") takes its id, or the cap would silently not apply.
pub fn category(call: &Call, text: &str) -> Result<CategoryId, String> {
    let folded = fold(text);
    if call.budget_categories.is_empty() {
        if let Some(cap) = call
            .funding
            .category_caps
            .iter()
            .find(|c| fold(c.category.as_str()) == folded)
        {
            return Ok(cap.category.clone());
        }
        return CategoryId::new(text.trim()).map_err(|e| e.to_string());
    }
    call.budget_categories
        .iter()
        .find(|c| c.id.as_str() == text.trim())
        .or_else(|| {
            call.budget_categories
                .iter()
                .find(|c| fold(c.id.as_str()) == folded || fold(&c.name) == folded)
        })
        .map(|c| c.id.clone())
        .ok_or_else(|| {
            messages::category_missing(
                text.trim(),
                &call
                    .budget_categories
                    .iter()
                    .map(|c| format!("{} «{}»", c.id, c.name))
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        })
}
