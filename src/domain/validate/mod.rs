//! Checks that the parts of a workspace hold together. Every message is Italian and says what
//! is wrong and, where it helps, what would be right.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use super::application::{AdmissionOutcome, Application};
use super::call::{Call, Criterion, Measure, Scoring, TieBreak};
use super::commission::{Commission, Role};
use super::id::{CriterionId, MemberId, Protocol, SessionId};
use super::session::Session;
use super::sheet::ScoreSheet;
use super::text;
use super::workspace::{Assembled, Inconsistency, Part, Parts, SetAside, Workspace};

mod access;
mod application;
mod call;
mod commission;
mod session;
mod sheet;

use application::check_application;
use call::{check_call, check_commission};
use session::check_session;

pub(in crate::domain) use application::check_put_application;
pub use session::value_problem as mark_problem;
pub(in crate::domain) use sheet::check_sheet;

struct Report<'a> {
    part: Part,
    out: &'a mut Vec<Inconsistency>,
}

impl Report<'_> {
    fn add(&mut self, field: &'static str, value: impl ToString, message: impl Into<String>) {
        self.out.push(Inconsistency {
            part: self.part,
            field,
            value: value.to_string(),
            message: message.into(),
        });
    }
}

impl Report<'_> {
    /// Reports a text with a control character (see [`text::check`]); false when there is
    /// one. `what` names the text in the message ("il nome").
    fn text(&mut self, field: &'static str, value: &str, kind: text::Kind, what: &str) -> bool {
        match text::check(value, kind) {
            Ok(()) => true,
            Err(refused) => {
                let shown: String = value.chars().take(60).collect();
                let more = if value.chars().count() > 60 {
                    "…"
                } else {
                    ""
                };
                self.add(
                    field,
                    value,
                    format!("{what} «{}{more}» {refused}", text::visible(&shown)),
                );
                false
            }
        }
    }
}

fn list<T: ToString>(items: impl IntoIterator<Item = T>) -> String {
    let items: Vec<String> = items.into_iter().map(|i| i.to_string()).collect();
    if items.is_empty() {
        "nessuno".into()
    } else {
        items.join(", ")
    }
}

pub(super) fn assemble(parts: Parts) -> Assembled {
    let mut out = Vec::new();
    let mut set_aside = SetAside::default();
    let (Some(call), Some(commission)) = (parts.call, parts.commission) else {
        return Assembled {
            workspace: None,
            problems: out,
            set_aside,
        };
    };
    let call_problems = check_call(
        &call,
        &mut Report {
            part: Part::Call,
            out: &mut out,
        },
    );
    let commission_problems = check_commission(
        &commission,
        &mut Report {
            part: Part::Commission,
            out: &mut out,
        },
    );
    if call_problems || commission_problems {
        return Assembled {
            workspace: None,
            problems: out,
            set_aside,
        };
    }

    // Applications: a protocol used twice is ambiguous, so neither copy is taken. Two
    // spellings of one number ("2026/0004512", "2026-0004512") are one protocol.
    let keys: Vec<String> = parts
        .applications
        .iter()
        .map(|a| a.protocol.key())
        .collect();
    let mut seen: BTreeMap<&str, Vec<&Protocol>> = BTreeMap::new();
    for (a, key) in parts.applications.iter().zip(&keys) {
        seen.entry(key).or_default().push(&a.protocol);
    }
    let mut applications = BTreeMap::new();
    let mut removed = BTreeMap::new();
    for ((i, app), key) in parts.applications.iter().enumerate().zip(&keys) {
        let mut report = Report {
            part: Part::Application(i),
            out: &mut out,
        };
        let same = &seen[key.as_str()];
        if same.len() > 1 {
            let others: Vec<String> = same
                .iter()
                .filter(|p| **p != &app.protocol)
                .map(|p| format!("«{}»", text::visible(p.as_str())))
                .collect();
            let message = if others.len() + 1 == same.len() {
                format!(
                    "il protocollo «{}» è lo stesso numero di {}, scritto in un altro modo (i separatori «/», «-» e simili e le forme equivalenti dei caratteri non distinguono due protocolli): ogni candidatura ha il suo numero di protocollo",
                    app.protocol,
                    others.join(", ")
                )
            } else {
                format!(
                    "il protocollo «{}» compare in {} candidature: ogni candidatura ha il suo numero di protocollo",
                    app.protocol,
                    same.len()
                )
            };
            report.add("protocol", &app.protocol, message);
            continue;
        }
        if app.removed.is_some() {
            // Registered by mistake and removed: kept for the record, checked no further.
            removed.insert(app.protocol.clone(), app.clone());
        } else if check_application(app, &call, &mut report) {
            applications.insert(app.protocol.clone(), app.clone());
        }
    }

    // Applications that exist on disk but are not in the workspace: entries referring to them
    // are set aside, not reported, since the error is in the application's own file.
    let mut unavailable: BTreeSet<Protocol> = parts.unreadable.clone();
    unavailable.extend(
        parts
            .applications
            .iter()
            .map(|a| a.protocol.clone())
            .filter(|p| !applications.contains_key(p)),
    );
    commission::check_substitutes(
        &commission,
        &applications,
        &unavailable,
        &mut Report {
            part: Part::Commission,
            out: &mut out,
        },
    );

    let mut member_count: BTreeMap<MemberId, usize> = BTreeMap::new();
    for s in &parts.sheets {
        *member_count.entry(s.member.clone()).or_default() += 1;
    }
    let mut sheets = BTreeMap::new();
    // The sheets are taken, not copied: on a large call they are most of the memory.
    for (i, mut sheet) in parts.sheets.into_iter().enumerate() {
        if member_count[&sheet.member] > 1 {
            Report {
                part: Part::Sheet(i),
                out: &mut out,
            }
            .add(
                "member",
                &sheet.member,
                format!(
                    "ci sono due schede di valutazione di «{}»: ne va tenuta una sola",
                    sheet.member
                ),
            );
            continue;
        }
        let (aside, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut sheet.declarations)
            .into_iter()
            .partition(|d| unavailable.contains(&d.application));
        sheet.declarations = kept;
        if !aside.is_empty() {
            set_aside.declarations.insert(sheet.member.clone(), aside);
        }
        // Scores on unavailable applications are set aside; usually there are none, and the
        // sheet's list is kept as it is rather than copied into a new one.
        if sheet
            .scores
            .iter()
            .any(|s| unavailable.contains(&s.application))
        {
            let (aside, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut sheet.scores)
                .into_iter()
                .partition(|s| unavailable.contains(&s.application));
            sheet.scores = kept;
            set_aside.scores.insert(sheet.member.clone(), aside);
        }
        let problems = check_sheet(&mut sheet, i, &call, &commission, &applications);
        let member_unknown = commission
            .member(&sheet.member)
            .is_none_or(|m| !m.role.votes());
        out.extend(problems);
        if !member_unknown {
            sheet.normalize();
            sheets.insert(sheet.member.clone(), sheet);
        }
    }

    let mut session_count: BTreeMap<&SessionId, usize> = BTreeMap::new();
    for s in &parts.sessions {
        *session_count.entry(&s.id).or_default() += 1;
    }
    let mut sessions = BTreeMap::new();
    for (i, session) in parts.sessions.iter().enumerate() {
        let mut report = Report {
            part: Part::Session(i),
            out: &mut out,
        };
        if session_count[&session.id] > 1 {
            report.add(
                "id",
                &session.id,
                format!("la seduta «{}» è definita più volte", session.id),
            );
            continue;
        }
        let mut session = session.clone();
        let (aside, kept): (Vec<_>, Vec<_>) = session
            .draws
            .into_iter()
            .partition(|d| d.order.iter().any(|p| unavailable.contains(p)));
        session.draws = kept;
        if !aside.is_empty() {
            set_aside.draws.insert(session.id.clone(), aside);
        }
        check_session(
            &mut session,
            &call,
            &commission,
            &applications,
            &unavailable,
            &mut report,
        );
        sessions.insert(session.id.clone(), session);
    }

    // A decision may name the session that took it; a name that points nowhere is reported
    // and forgotten (the decision itself stands).
    let positions: BTreeMap<&Protocol, usize> = parts
        .applications
        .iter()
        .enumerate()
        .map(|(i, a)| (&a.protocol, i))
        .collect();
    for app in applications.values_mut() {
        if let Some(decision) = &mut app.decision
            && let Some(id) = &decision.session
            && !sessions.contains_key(id)
        {
            Report {
                part: Part::Application(positions[&app.protocol]),
                out: &mut out,
            }
            .add(
                "session",
                id,
                format!(
                    "la decisione cita la seduta «{id}», che non esiste (sedute: {})",
                    list(sessions.keys())
                ),
            );
            decision.session = None;
        }
    }

    let mut access = parts.access;
    access::check_access(
        &mut access,
        &call,
        &applications,
        &unavailable,
        &mut Report {
            part: Part::Access,
            out: &mut out,
        },
    );

    Assembled {
        workspace: Some(Workspace::from_checked(
            call,
            commission,
            applications,
            removed,
            sheets,
            sessions,
            access,
        )),
        problems: out,
        set_aside,
    }
}
