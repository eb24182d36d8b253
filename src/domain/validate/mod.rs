//! Checks that the parts of a workspace hold together. Every message is Italian and says what
//! is wrong and, where it helps, what would be right.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

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
mod messages;
mod session;
mod sheet;

use application::check_application;
use call::{check_call, check_commission};
use session::check_session;

pub(in crate::domain) use application::check_put_application;
pub use session::value_problem as mark_problem;
pub(in crate::domain) use sheet::{check_shared_sheet, check_sheet};

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
                    messages::MORE
                } else {
                    ""
                };
                self.add(
                    field,
                    value,
                    messages::text_refused(what, text::visible(&shown), more, refused),
                );
                false
            }
        }
    }
}

fn list<T: ToString>(items: impl IntoIterator<Item = T>) -> String {
    let items: Vec<String> = items.into_iter().map(|i| i.to_string()).collect();
    if items.is_empty() {
        messages::NONE.into()
    } else {
        items.join(", ")
    }
}

/// Checks the parts read from a call's folder and puts together what holds: one function per
/// rule, in the order the parts depend on each other (call and commission, applications,
/// sheets, sessions, decisions, access).
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
    if !call_and_commission_hold(&call, &commission, &mut out) {
        return Assembled {
            workspace: None,
            problems: out,
            set_aside,
        };
    }

    let (mut applications, removed) = take_applications(&parts.applications, &call, &mut out);
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
    let known = Known {
        call: &call,
        commission: &commission,
        applications: &applications,
        unavailable: &unavailable,
    };
    let sheets = take_sheets(parts.sheets, &known, &mut out, &mut set_aside);
    let sessions = take_sessions(&parts.sessions, &known, &mut out, &mut set_aside);
    forget_missing_sessions(&parts.applications, &mut applications, &sessions, &mut out);

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

/// The call and the commission, which every other part is checked against: false when either
/// does not hold.
fn call_and_commission_hold(
    call: &Call,
    commission: &Commission,
    out: &mut Vec<Inconsistency>,
) -> bool {
    let call_problems = check_call(
        call,
        &mut Report {
            part: Part::Call,
            out,
        },
    );
    let commission_problems = check_commission(
        commission,
        &mut Report {
            part: Part::Commission,
            out,
        },
    );
    !(call_problems || commission_problems)
}

/// What the later parts are checked against.
struct Known<'a> {
    call: &'a Call,
    commission: &'a Commission,
    applications: &'a BTreeMap<Protocol, Application>,
    unavailable: &'a BTreeSet<Protocol>,
}

/// The applications that hold, and those removed (registered by mistake, kept for the
/// record). A protocol used twice is ambiguous, so neither copy is taken; two spellings of one
/// number ("2026/0004512", "2026-0004512") are one protocol.
fn take_applications(
    parts: &[Application],
    call: &Call,
    out: &mut Vec<Inconsistency>,
) -> (
    BTreeMap<Protocol, Application>,
    BTreeMap<Protocol, Application>,
) {
    let keys: Vec<String> = parts.iter().map(|a| a.protocol.key()).collect();
    let mut seen: BTreeMap<&str, Vec<&Protocol>> = BTreeMap::new();
    for (a, key) in parts.iter().zip(&keys) {
        seen.entry(key).or_default().push(&a.protocol);
    }
    let mut applications = BTreeMap::new();
    let mut removed = BTreeMap::new();
    for ((i, app), key) in parts.iter().enumerate().zip(&keys) {
        let mut report = Report {
            part: Part::Application(i),
            out,
        };
        let same = &seen[key.as_str()];
        if same.len() > 1 {
            let others: Vec<String> = same
                .iter()
                .filter(|p| **p != &app.protocol)
                .map(|p| messages::quoted(text::visible(p.as_str())))
                .collect();
            let message = if others.len() + 1 == same.len() {
                messages::protocol_spelled_twice(&app.protocol, &others.join(", "))
            } else {
                messages::protocol_repeated(&app.protocol, same.len())
            };
            report.add("protocol", &app.protocol, message);
            continue;
        }
        if app.removed.is_some() {
            // Registered by mistake and removed: kept for the record, checked no further.
            removed.insert(app.protocol.clone(), app.clone());
        } else if check_application(app, call, &mut report) {
            applications.insert(app.protocol.clone(), app.clone());
        }
    }
    (applications, removed)
}

/// The score sheets that hold: one per voting member, the entries on unavailable applications
/// set aside. The sheets are taken, not copied: on a large call they are most of the memory.
fn take_sheets(
    parts: Vec<Arc<ScoreSheet>>,
    known: &Known,
    out: &mut Vec<Inconsistency>,
    set_aside: &mut SetAside,
) -> BTreeMap<MemberId, Arc<ScoreSheet>> {
    let unavailable = known.unavailable;
    let mut member_count: BTreeMap<MemberId, usize> = BTreeMap::new();
    for s in &parts {
        *member_count.entry(s.member.clone()).or_default() += 1;
    }
    let mut sheets = BTreeMap::new();
    // A sheet shared with another copy of the workspace (the editor's, while a change is
    // checked) is copied only where something in it changes.
    for (i, mut sheet) in parts.into_iter().enumerate() {
        if member_count[&sheet.member] > 1 {
            Report {
                part: Part::Sheet(i),
                out,
            }
            .add("member", &sheet.member, messages::two_sheets(&sheet.member));
            continue;
        }
        // Entries on unavailable applications are set aside; usually there are none, and the
        // sheet's lists are kept as they are rather than copied into new ones.
        if sheet
            .declarations
            .iter()
            .any(|d| unavailable.contains(&d.application))
        {
            let sheet = Arc::make_mut(&mut sheet);
            let (aside, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut sheet.declarations)
                .into_iter()
                .partition(|d| unavailable.contains(&d.application));
            sheet.declarations = kept;
            set_aside.declarations.insert(sheet.member.clone(), aside);
        }
        if sheet
            .scores
            .iter()
            .any(|s| unavailable.contains(&s.application))
        {
            let sheet = Arc::make_mut(&mut sheet);
            let (aside, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut sheet.scores)
                .into_iter()
                .partition(|s| unavailable.contains(&s.application));
            sheet.scores = kept;
            set_aside.scores.insert(sheet.member.clone(), aside);
        }
        let problems = check_shared_sheet(
            &mut sheet,
            i,
            known.call,
            known.commission,
            known.applications,
        );
        let member_unknown = known
            .commission
            .member(&sheet.member)
            .is_none_or(|m| !m.role.votes());
        out.extend(problems);
        if !member_unknown {
            if !sheet.is_normalized() {
                Arc::make_mut(&mut sheet).normalize();
            }
            // Read from a file, the lists grew by doubling: up to half of each is empty room,
            // 40 MB over the 1.4 million marks of a 10,000-application call. Edits that come
            // later grow it again as usual; a sheet shared with the workspace being changed is
            // left as it is (shrinking it would copy it).
            if let Some(sheet) = Arc::get_mut(&mut sheet) {
                sheet.declarations.shrink_to_fit();
                sheet.scores.shrink_to_fit();
            }
            sheets.insert(sheet.member.clone(), sheet);
        }
    }
    sheets
}

/// The sessions that hold: each defined once, the draws naming unavailable applications set
/// aside.
fn take_sessions(
    parts: &[Session],
    known: &Known,
    out: &mut Vec<Inconsistency>,
    set_aside: &mut SetAside,
) -> BTreeMap<SessionId, Session> {
    let mut session_count: BTreeMap<&SessionId, usize> = BTreeMap::new();
    for s in parts {
        *session_count.entry(&s.id).or_default() += 1;
    }
    let mut sessions = BTreeMap::new();
    for (i, session) in parts.iter().enumerate() {
        let mut report = Report {
            part: Part::Session(i),
            out,
        };
        if session_count[&session.id] > 1 {
            report.add("id", &session.id, messages::session_repeated(&session.id));
            continue;
        }
        let mut session = session.clone();
        let (aside, kept): (Vec<_>, Vec<_>) = session
            .draws
            .into_iter()
            .partition(|d| d.order.iter().any(|p| known.unavailable.contains(p)));
        session.draws = kept;
        if !aside.is_empty() {
            set_aside.draws.insert(session.id.clone(), aside);
        }
        check_session(
            &mut session,
            known.call,
            known.commission,
            known.applications,
            known.unavailable,
            &mut report,
        );
        sessions.insert(session.id.clone(), session);
    }
    sessions
}

/// A decision may name the session that took it; a name that points nowhere is reported and
/// forgotten (the decision itself stands).
fn forget_missing_sessions(
    parts: &[Application],
    applications: &mut BTreeMap<Protocol, Application>,
    sessions: &BTreeMap<SessionId, Session>,
    out: &mut Vec<Inconsistency>,
) {
    let positions: BTreeMap<&Protocol, usize> = parts
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
                out,
            }
            .add(
                "session",
                id,
                messages::decision_session_missing(id, &list(sessions.keys())),
            );
            decision.session = None;
        }
    }
}
