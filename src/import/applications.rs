//! Applications from a form platform's export: one row per application, with its budget and
//! co-financing from their own files. Each becomes the application the workspace will hold,
//! merged with what the workspace already knows of it (documents, decisions, declared facts
//! and any column the files do not have are kept).

use std::collections::BTreeMap;

use super::columns::{self, Kind, Layout, Record};
use super::lines::{self, ByProtocol, Lines};
use super::messages::{self, changed};
use super::parties::{Fields, party};
use super::plan::{Action, Findings, ImportPlan, Payload, Place, PlanItem, PlanKind, RowRef};
use super::summary;
use super::table::{Book, Value};
use super::values::{self, fold};
use crate::domain::{
    Application, BudgetLine, Call, CofinancingLine, LotId, Moment, Money, Part, Party, Protocol,
    Workspace,
};
use crate::italian;

/// The files of one import of applications; any may be missing, not all.
#[derive(Debug, Clone, Copy, Default)]
pub struct Books<'a> {
    pub applications: Option<&'a Book>,
    pub budget: Option<&'a Book>,
    pub cofinancing: Option<&'a Book>,
}

/// One application row, read.
struct Parsed {
    /// Where the applicant's tax code is, to point at it.
    tax_code_place: Place,
    received_at: Moment,
    lot: LotId,
    title: String,
    requested: Money,
    applicant: Party,
    /// Columns the file does not have leave the workspace's value as it is.
    summary: Option<String>,
    pec: bool,
    representative: bool,
    address: bool,
    partners: Option<Vec<Party>>,
}

/// Checks the files against the workspace: what would be created, changed or left alone.
pub fn plan(ws: &Workspace, books: Books) -> ImportPlan {
    let mut findings = Findings::default();
    let mut files = Vec::new();
    let mut layouts: [Option<Layout>; 3] = [None, None, None];
    let kinds = [Kind::Applications, Kind::Budget, Kind::Cofinancing];
    for (i, (kind, book)) in kinds
        .iter()
        .zip([books.applications, books.budget, books.cofinancing])
        .enumerate()
    {
        let Some(book) = book else { continue };
        let (layout, problems) = columns::locate(book, *kind);
        findings.file_problems(problems);
        if let Some(layout) = &layout {
            files.push(summary(book, layout, *kind));
        }
        layouts[i] = layout;
    }
    let mut plan = ImportPlan {
        kind: PlanKind::Applications,
        files,
        items: Vec::new(),
        problems: Vec::new(),
        blocking: 0,
        sheets_before: Vec::new(),
    };
    if findings.blocking == 0 {
        plan.items = items(ws, books, &layouts, &mut findings);
    }
    plan.blocking = findings.blocking;
    plan.problems = findings.problems;
    plan.sort_problems();
    plan
}

fn items(
    ws: &Workspace,
    books: Books,
    layouts: &[Option<Layout>; 3],
    findings: &mut Findings,
) -> Vec<PlanItem> {
    let call = ws.call();
    let mut parsed: BTreeMap<Protocol, Parsed> = BTreeMap::new();
    // Protocols in the order met, and the row each was first met in the applications file.
    let mut order: Vec<Protocol> = Vec::new();
    let mut first_row: BTreeMap<Protocol, RowRef> = BTreeMap::new();
    let mut repeated: BTreeMap<Protocol, Vec<RowRef>> = BTreeMap::new();
    let mut unkeyed: Vec<RowRef> = Vec::new();
    // Each number (see `Protocol::key`) with the spelling and row it was first met in.
    let mut numbers: BTreeMap<String, (Protocol, u32)> = BTreeMap::new();
    if let (Some(book), Some(layout)) = (books.applications, &layouts[0]) {
        for row in layout.rows(book) {
            let record = layout.record(row);
            let Some(protocol) = protocol(&record, findings) else {
                unkeyed.push(record.row_ref());
                continue;
            };
            let key = protocol.to_string();
            match numbers.get(&protocol.key()) {
                Some((other, at)) if *other != protocol => {
                    findings.error(
                        &key,
                        record.place("protocollo"),
                        messages::protocol_spelled_otherwise_at(&protocol, other, at),
                    );
                    unkeyed.push(record.row_ref());
                    continue;
                }
                Some(_) => {}
                None => {
                    numbers.insert(protocol.key(), (protocol.clone(), row.number));
                }
            }
            if base_spelled_otherwise(ws, &protocol, &record, &key, findings) {
                unkeyed.push(record.row_ref());
                continue;
            }
            if let Some(first) = first_row.get(&protocol) {
                let mut first_place = record.place("protocollo");
                first_place.row = Some(first.row);
                findings.error(
                    &key,
                    first_place,
                    messages::protocol_also_at(&protocol, row.number),
                );
                findings.error(
                    &key,
                    record.place("protocollo"),
                    messages::protocol_already_at(&protocol, first.row),
                );
                parsed.remove(&protocol);
                repeated.entry(protocol).or_default().push(record.row_ref());
                continue;
            }
            first_row.insert(protocol.clone(), record.row_ref());
            order.push(protocol.clone());
            if let Some(p) = application_row(book, &record, call, &key, findings) {
                parsed.insert(protocol, p);
            }
        }
    }
    let budget = match (books.budget, &layouts[1]) {
        (Some(book), Some(layout)) => lines::budget(book, layout, call, findings),
        _ => ByProtocol::new(),
    };
    let cofinancing = match (books.cofinancing, &layouts[2]) {
        (Some(book), Some(layout)) => lines::cofinancing(book, layout, findings),
        _ => ByProtocol::new(),
    };
    let mut met_only_in_lines = std::collections::BTreeSet::new();
    for p in budget.keys().chain(cofinancing.keys()) {
        if !first_row.contains_key(p) && met_only_in_lines.insert(p) {
            order.push(p.clone());
        }
    }

    let mut items = Vec::new();
    for protocol in order {
        let key = protocol.to_string();
        let base = ws.application(&protocol);
        let b = budget.get(&protocol);
        let c = cofinancing.get(&protocol);
        let mut rows: Vec<RowRef> = first_row.get(&protocol).into_iter().cloned().collect();
        rows.extend(repeated.get(&protocol).into_iter().flatten().cloned());
        rows.extend(b.iter().flat_map(|l| l.rows.iter().cloned()));
        rows.extend(c.iter().flat_map(|l| l.rows.iter().cloned()));
        let new = match (parsed.get(&protocol), base) {
            (Some(p), _) => {
                if let Some(base) = base {
                    collision(base, p, &key, findings);
                }
                Some(merge(&protocol, p, base, b, c))
            }
            // Its row in the applications file has errors, already reported.
            (None, _) if first_row.contains_key(&protocol) => None,
            // Only budget or co-financing rows: they update an application already there.
            (None, Some(base)) => Some(with_lines(base.clone(), b, c)),
            (None, None) => {
                for r in &rows {
                    findings.error(&key, r.place(), messages::application_nowhere(&protocol));
                }
                None
            }
        };
        let label = new
            .as_ref()
            .or(base)
            .map(|a| format!("{} · {}", a.applicant.name, a.title))
            .unwrap_or_default();
        let (action, changes) = match (&new, findings.is_spoiled(&key), base) {
            (Some(_), true, _) | (None, _, _) => (Action::Rejected, Vec::new()),
            (Some(_), false, None) => (Action::Create, Vec::new()),
            (Some(new), false, Some(old)) if old == new => (Action::Unchanged, Vec::new()),
            (Some(new), false, Some(old)) => (Action::Update, changes(old, new)),
        };
        items.push(PlanItem {
            key,
            label,
            rows,
            action,
            changes,
            payload: match new {
                Some(new) => Payload::Application {
                    new: Box::new(new),
                    old: base.cloned().map(Box::new),
                },
                None => Payload::None,
            },
        });
    }
    for row in unkeyed {
        items.push(PlanItem {
            key: messages::row(row.row),
            label: String::new(),
            rows: vec![row],
            action: Action::Rejected,
            changes: Vec::new(),
            payload: Payload::None,
        });
    }
    check_with_the_call(ws, &mut items, findings);
    items
}

fn protocol(record: &Record, findings: &mut Findings) -> Option<Protocol> {
    let why = match values::required_text(record.value("protocollo")) {
        Ok(text) => match Protocol::new(text) {
            Ok(p) => return Some(p),
            Err(e) => e.to_string(),
        },
        Err(e) => e.to_string(),
    };
    // A row without a protocol is no application: it cannot be imported, the others can.
    findings.error(
        &messages::row(record.row.number),
        record.place("protocollo"),
        messages::protocol_needed(&why),
    );
    None
}

fn application_row(
    book: &Book,
    record: &Record,
    call: &Call,
    key: &str,
    findings: &mut Findings,
) -> Option<Parsed> {
    let before = findings.problems.len();
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
    let mut required = |field: &str| -> String {
        values::required_text(record.value(field))
            .map_err(|e| findings.error(key, record.place(field), e.to_string()))
            .unwrap_or_default()
    };
    let title = required("titolo");
    let received_at = values::moment(record.value("ricevuta_il"))
        .map_err(|e| findings.error(key, record.place("ricevuta_il"), e.to_string()))
        .ok();
    let lot = lot(call, record.value("lotto"))
        .map_err(|m| findings.error(key, record.place("lotto"), m))
        .ok();
    let requested = values::money(record.value("contributo_richiesto"), book.decimal_mark())
        .map_err(|e| findings.error(key, record.place("contributo_richiesto"), e.to_string()))
        .ok();
    let fields = Fields::main();
    let applicant = party(record, &fields, key, findings);
    let mut partners = None;
    if !record.layout.partners.is_empty() {
        let mut list = Vec::new();
        for (n, cols) in &record.layout.partners {
            let fields = Fields::partner(*n, cols);
            if fields.all(record).iter().all(|v| v.is_empty()) {
                continue;
            }
            list.extend(party(record, &fields, key, findings));
        }
        partners = Some(list);
    }
    if findings.problems[before..]
        .iter()
        .any(|p| p.severity == super::plan::Severity::Error)
    {
        return None;
    }
    Some(Parsed {
        tax_code_place: record.place("codice_fiscale"),
        received_at: received_at?,
        lot: lot?,
        title,
        requested: requested?,
        applicant: applicant?,
        summary: record.layout.has("sintesi").then(|| record.text("sintesi")),
        pec: record.layout.has("pec"),
        representative: record.layout.has("rappresentante_legale"),
        address: record.layout.has("indirizzo"),
        partners,
    })
}

/// A new protocol that is the number of an application already registered, spelled another
/// way ("2026-0004512" for "2026/0004512"): an error, since it would register the application
/// twice. True when reported.
fn base_spelled_otherwise(
    ws: &Workspace,
    protocol: &Protocol,
    record: &Record,
    key: &str,
    findings: &mut Findings,
) -> bool {
    if ws.application(protocol).is_some() {
        return false;
    }
    let Some(other) = ws.applications().keys().find(|p| p.same_number(protocol)) else {
        return false;
    };
    findings.error(
        key,
        record.place("protocollo"),
        messages::protocol_spelled_as_registered(protocol, other),
    );
    true
}

/// A lot as typed: its id, or its id or name whatever the case and accents.
fn lot(call: &Call, value: &Value) -> Result<LotId, String> {
    let text = values::required_text(value).map_err(messages::lot_value)?;
    let folded = fold(&text);
    call.lots
        .iter()
        .find(|l| l.id.as_str() == text)
        .or_else(|| {
            call.lots
                .iter()
                .find(|l| fold(l.id.as_str()) == folded || fold(&l.name) == folded)
        })
        .map(|l| l.id.clone())
        .ok_or_else(|| {
            messages::lot_missing(
                &text,
                &call
                    .lots
                    .iter()
                    .map(|l| format!("{} «{}»", l.id, l.name))
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        })
}

/// A protocol already in the workspace for another applicant is not a newer version of that
/// application: two applications would share one number.
fn collision(base: &Application, p: &Parsed, key: &str, findings: &mut Findings) {
    if base.applicant.tax_code.to_uppercase() == p.applicant.tax_code {
        return;
    }
    findings.error(
        key,
        p.tax_code_place.clone(),
        messages::protocol_of_another(
            &base.protocol,
            &base.applicant.name,
            &base.applicant.tax_code,
        ),
    );
}

fn merge(
    protocol: &Protocol,
    p: &Parsed,
    base: Option<&Application>,
    b: Option<&Lines<BudgetLine>>,
    c: Option<&Lines<CofinancingLine>>,
) -> Application {
    let keep = |flag: bool, new: &str, old: Option<&str>| {
        if flag {
            new.to_string()
        } else {
            old.unwrap_or_default().to_string()
        }
    };
    let old = base.map(|a| &a.applicant);
    let applicant = Party {
        pec: keep(p.pec, &p.applicant.pec, old.map(|o| o.pec.as_str())),
        representative: keep(
            p.representative,
            &p.applicant.representative,
            old.map(|o| o.representative.as_str()),
        ),
        address: keep(
            p.address,
            &p.applicant.address,
            old.map(|o| o.address.as_str()),
        ),
        ..p.applicant.clone()
    };
    let app = Application {
        protocol: protocol.clone(),
        received_at: p.received_at,
        lot: p.lot.clone(),
        title: p.title.clone(),
        summary: p
            .summary
            .clone()
            .or_else(|| base.map(|a| a.summary.clone()))
            .unwrap_or_default(),
        applicant,
        partners: p
            .partners
            .clone()
            .or_else(|| base.map(|a| a.partners.clone()))
            .unwrap_or_default(),
        budget: base.map(|a| a.budget.clone()).unwrap_or_default(),
        cofinancing: base.map(|a| a.cofinancing.clone()).unwrap_or_default(),
        requested: p.requested,
        documents: base.map(|a| a.documents.clone()).unwrap_or_default(),
        declared: base.map(|a| a.declared.clone()).unwrap_or_default(),
        decision: base.and_then(|a| a.decision.clone()),
        removed: None,
    };
    with_lines(app, b, c)
}

/// The lines from the files replace the application's; an application the files do not
/// mention keeps its own.
fn with_lines(
    mut app: Application,
    b: Option<&Lines<BudgetLine>>,
    c: Option<&Lines<CofinancingLine>>,
) -> Application {
    if let Some(b) = b {
        app.budget = b.lines.clone();
    }
    if let Some(c) = c {
        app.cofinancing = c.lines.clone();
    }
    app
}

/// What an update changes, as the preview lists it.
fn changes(old: &Application, new: &Application) -> Vec<String> {
    let mut out = Vec::new();
    let mut diff = |what: &str, a: String, b: String| {
        if a != b {
            out.push(messages::changed(what, &a, &b));
        }
    };
    diff(
        changed::RECEIVED_AT,
        italian::moment_precise(old.received_at),
        italian::moment_precise(new.received_at),
    );
    diff(changed::LOT, old.lot.to_string(), new.lot.to_string());
    diff(changed::TITLE, old.title.clone(), new.title.clone());
    diff(changed::SUMMARY, old.summary.clone(), new.summary.clone());
    let (a, b) = (&old.applicant, &new.applicant);
    diff(changed::NAME, a.name.clone(), b.name.clone());
    diff(changed::TAX_CODE, a.tax_code.clone(), b.tax_code.clone());
    diff(
        changed::LEGAL_FORM,
        italian::legal_form(&a.legal_form),
        italian::legal_form(&b.legal_form),
    );
    diff(changed::PEC, a.pec.clone(), b.pec.clone());
    diff(
        changed::REPRESENTATIVE,
        a.representative.clone(),
        b.representative.clone(),
    );
    diff(changed::ADDRESS, a.address.clone(), b.address.clone());
    let names = |ps: &[Party]| {
        ps.iter()
            .map(|p| format!("{} ({})", p.name, p.tax_code))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if old.partners != new.partners {
        diff(
            changed::PARTNERS,
            names(&old.partners),
            names(&new.partners),
        );
    }
    diff(
        changed::REQUESTED,
        italian::euro(old.requested),
        italian::euro(new.requested),
    );
    if old.budget != new.budget {
        out.push(messages::budget_changed(
            italian::euro(old.total_cost()),
            old.budget.len(),
            italian::euro(new.total_cost()),
            new.budget.len(),
        ));
    }
    if old.cofinancing != new.cofinancing {
        out.push(messages::cofinancing_changed(
            italian::euro(old.cofinancing_total()),
            old.cofinancing.len(),
            italian::euro(new.cofinancing_total()),
            new.cofinancing.len(),
        ));
    }
    out
}

/// The domain's own check of the applications against the call, all at once: whatever it
/// refuses (a budget category, a declared level...) would be refused by the editor too.
fn check_with_the_call(ws: &Workspace, items: &mut [PlanItem], findings: &mut Findings) {
    let mut parts = ws.to_parts();
    let mut planned: BTreeMap<usize, usize> = BTreeMap::new(); // part index → item index
    // Where each protocol is among the parts: looked up, not searched, so that a file of
    // 100,000 rows is checked in linear time.
    let mut at_protocol: std::collections::HashMap<crate::domain::Protocol, usize> = parts
        .applications
        .iter()
        .enumerate()
        .map(|(i, a)| (a.protocol.clone(), i))
        .collect();
    for (i, item) in items.iter().enumerate() {
        let (Payload::Application { new, .. }, Action::Create | Action::Update) =
            (&item.payload, item.action)
        else {
            continue;
        };
        let index = match at_protocol.get(&new.protocol).copied() {
            Some(at) => {
                parts.applications[at] = (**new).clone();
                at
            }
            None => {
                parts.applications.push((**new).clone());
                at_protocol.insert(new.protocol.clone(), parts.applications.len() - 1);
                parts.applications.len() - 1
            }
        };
        planned.insert(index, i);
    }
    if planned.is_empty() {
        return;
    }
    let assembled = Workspace::assemble_keeping(parts);
    for problem in assembled.problems {
        let Part::Application(index) = problem.part else {
            continue;
        };
        let Some(&i) = planned.get(&index) else {
            continue;
        };
        let item = &mut items[i];
        item.action = Action::Rejected;
        let place = item
            .rows
            .first()
            .map_or_else(|| Place::file(""), RowRef::place);
        findings.error(&item.key, place, problem.message);
    }
}
