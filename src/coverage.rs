//! What a closed session fixes. Its minutes report the results of the moment (rankings,
//! points after riparametrazione) which may legitimately move as later sessions score what was
//! still open; what must not move without an amendment are the inputs the session recorded: the
//! call, the commission, each application's data, the decisions it took, the soccorso it asked,
//! the members' declarations, and each score a member has given, with its reason. Each is
//! named and hashed when the session closes.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::domain::{
    Application, Cover, CriterionId, DocumentStatus, MemberId, Protocol, Session, SessionKind,
    Workspace,
};
use crate::seal::hex;

fn hash(value: &impl Serialize) -> String {
    // 128 bits are plenty to tell a changed item; the record's seal keeps the full 256.
    let text = ron::to_string(value).unwrap_or_default();
    hex(&Sha256::digest(text.as_bytes())[..16])
}

/// The application's own data, as submitted and registered: what every session relies on.
fn application_data(app: &Application) -> impl Serialize + '_ {
    (
        &app.protocol,
        app.received_at,
        &app.lot,
        &app.title,
        &app.applicant,
        &app.partners,
        &app.budget,
        &app.cofinancing,
        app.requested,
        &app.declared,
    )
}

/// The discretionary criteria on which `member` has scored `app`: the scores a scoring
/// session reports one by one, and so fixes, even when the member has not finished.
fn scored_criteria<'a>(
    ws: &'a Workspace,
    app: &Protocol,
    member: &MemberId,
) -> Vec<&'a CriterionId> {
    ws.call()
        .leaf_criteria()
        .into_iter()
        .filter(|c| c.is_discretionary() && ws.score(member, app, &c.id).is_some())
        .map(|c| &c.id)
        .collect()
}

/// A member's scores on one application, with their reasons, on the named criteria (all the
/// discretionary ones when `only` is None). A score since removed hashes as absent.
fn given_scores<'a>(
    ws: &'a Workspace,
    app: &Protocol,
    member: &MemberId,
    only: Option<Vec<&str>>,
) -> Vec<(String, Option<(String, &'a str)>)> {
    ws.call()
        .leaf_criteria()
        .into_iter()
        .filter(|c| c.is_discretionary())
        .filter(|c| only.as_ref().is_none_or(|o| o.contains(&c.id.as_str())))
        .map(|c| {
            let given = ws
                .score(member, app, &c.id)
                .map(|s| (s.value.to_string(), s.reason.as_str()));
            (c.id.to_string(), given)
        })
        .collect()
}

/// Everything `session` fixes, hashed now. Called when the session closes.
pub fn covers(ws: &Workspace, session: &Session) -> Vec<Cover> {
    let mut items = vec!["avviso".to_string(), "commissione".to_string()];
    for app in ws.applications().values() {
        let p = &app.protocol;
        items.push(format!("candidatura:{p}"));
        if app.decision.as_ref().and_then(|d| d.session.as_ref()) == Some(&session.id) {
            items.push(format!("decisione:{p}"));
        }
        for doc in &app.documents {
            if let DocumentStatus::IntegrationRequested { requested_on, .. }
            | DocumentStatus::Integrated { requested_on, .. } = doc.status
                && requested_on == session.date
            {
                items.push(format!("soccorso:{p}:{}", doc.document));
            }
        }
        for member in ws.commission().voting_members() {
            if ws
                .sheet(&member.id)
                .and_then(|s| s.declaration(p))
                .is_some()
            {
                items.push(format!("dichiarazione:{p}:{}", member.id));
            }
            if session.kind == SessionKind::OpeningPublic {
                continue;
            }
            let scored = scored_criteria(ws, p, &member.id);
            let all = ws
                .call()
                .leaf_criteria()
                .iter()
                .filter(|c| c.is_discretionary())
                .count();
            if scored.len() == all && all > 0 {
                items.push(format!("valutazione:{p}:{}", member.id));
            } else if !scored.is_empty() {
                let list: Vec<&str> = scored.iter().map(|c| c.as_str()).collect();
                items.push(format!("valutazione:{p}:{}:{}", member.id, list.join(",")));
            }
        }
    }
    items
        .into_iter()
        .filter_map(|item| item_hash(ws, &item).map(|sha256| Cover { item, sha256 }))
        .collect()
}

/// The hash of one covered item as the workspace has it now; None when it no longer exists.
pub fn item_hash(ws: &Workspace, item: &str) -> Option<String> {
    let mut parts = item.split(':');
    let kind = parts.next()?;
    let protocol = parts.next().and_then(|p| Protocol::new(p).ok());
    let third = parts.next();
    let app = || protocol.as_ref().and_then(|p| ws.application(p));
    match kind {
        "avviso" => Some(hash(ws.call())),
        "commissione" => Some(hash(ws.commission())),
        "candidatura" => app().map(|a| hash(&application_data(a))),
        "decisione" => app().map(|a| hash(&a.decision)),
        "soccorso" => {
            let doc = app()?
                .documents
                .iter()
                .find(|d| Some(d.document.as_str()) == third)?;
            let requested = match doc.status {
                DocumentStatus::IntegrationRequested {
                    requested_on,
                    deadline,
                }
                | DocumentStatus::Integrated {
                    requested_on,
                    deadline,
                    ..
                } => Some((requested_on, deadline)),
                _ => None,
            };
            Some(hash(&requested))
        }
        "dichiarazione" => {
            let member = MemberId::new(third?).ok()?;
            let declaration = ws
                .sheet(&member)
                .and_then(|s| s.declaration(protocol.as_ref()?));
            Some(hash(&declaration))
        }
        "valutazione" => {
            let member = MemberId::new(third?).ok()?;
            let only = parts.next().map(|list| list.split(',').collect());
            Some(hash(&given_scores(ws, protocol.as_ref()?, &member, only)))
        }
        _ => None,
    }
}

/// The item in Italian, for messages and minutes.
pub fn describe(item: &str) -> String {
    let parts: Vec<&str> = item.split(':').collect();
    match parts.as_slice() {
        ["avviso"] => "l'avviso (lotti, regole, criteri)".into(),
        ["commissione"] => "la composizione della commissione".into(),
        ["candidatura", p] => format!("i dati della candidatura {p}"),
        ["decisione", p] => format!("la decisione sull'ammissibilità della candidatura {p}"),
        ["soccorso", p, d] => {
            format!("il soccorso istruttorio sul documento «{d}» della candidatura {p}")
        }
        ["dichiarazione", p, m] => format!("la dichiarazione di {m} sulla candidatura {p}"),
        ["valutazione", p, m] => format!("i punteggi di {m} sulla candidatura {p}"),
        ["valutazione", p, m, list] => format!(
            "i punteggi di {m} sulla candidatura {p} (criteri {})",
            list.replace(',', ", ")
        ),
        _ => item.to_string(),
    }
}

/// Whether changing the file of `scope` can change `item`.
pub fn touches(item: &str, scope: &Scope) -> bool {
    let parts: Vec<&str> = item.split(':').collect();
    match (scope, parts.as_slice()) {
        (Scope::Call, ["avviso"]) => true,
        (Scope::Commission, ["commissione"]) => true,
        (Scope::Application(p), [kind, q, ..]) => {
            q == &p.as_str()
                && matches!(
                    *kind,
                    "candidatura" | "decisione" | "soccorso" | "dichiarazione" | "valutazione"
                )
        }
        (Scope::Sheet(m), [kind, _, n, ..]) => {
            n == &m.as_str() && matches!(*kind, "dichiarazione" | "valutazione")
        }
        _ => false,
    }
}

/// What a change writes, as far as covered items go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Call,
    Commission,
    Application(Protocol),
    Sheet(MemberId),
}

/// The items of closed sessions that the change from `before` to `after` alters: each with the
/// session that fixed it.
pub fn altered<'a>(
    before: &'a Workspace,
    after: &Workspace,
    scope: &Scope,
) -> Vec<(&'a Session, String)> {
    let mut out = Vec::new();
    for session in before.sessions_in_order() {
        let Some(seal) = &session.seal else { continue };
        for cover in seal.covers.iter().filter(|c| touches(&c.item, scope)) {
            if item_hash(before, &cover.item) != item_hash(after, &cover.item) {
                out.push((session, cover.item.clone()));
            }
        }
    }
    out
}

/// The first closed session that fixed scores of `member` on `application`, if any: those
/// scores then change only by an amendment.
pub fn scores_fixed_by<'a>(
    ws: &'a Workspace,
    application: &Protocol,
    member: &MemberId,
) -> Option<&'a Session> {
    let whole = format!("valutazione:{application}:{member}");
    let partial = format!("{whole}:");
    ws.sessions_in_order().into_iter().find(|s| {
        s.seal.as_ref().is_some_and(|seal| {
            seal.covers
                .iter()
                .any(|c| c.item == whole || c.item.starts_with(&partial))
        })
    })
}

/// One item a closed session fixed that the data no longer match.
#[derive(Debug, Clone, PartialEq)]
pub struct Departure<'a> {
    /// The closed session that fixed it.
    pub session: &'a Session,
    /// The item, as the seal names it.
    pub item: String,
    /// The later sessions' amendments that changed it, as (session, reason): none means the
    /// files were edited by hand.
    pub amendments: Vec<(&'a Session, &'a str)>,
}

impl Departure<'_> {
    /// Changed without a rettifica: by hand, outside the program.
    pub fn unamended(&self) -> bool {
        self.amendments.is_empty()
    }
}

/// Every item fixed by a closed session whose content changed since, with the amendments that
/// changed it.
pub fn departures(ws: &Workspace) -> Vec<Departure<'_>> {
    let sessions = ws.sessions_in_order();
    let mut out = Vec::new();
    for session in &sessions {
        let Some(seal) = &session.seal else { continue };
        for cover in &seal.covers {
            if item_hash(ws, &cover.item).as_deref() == Some(cover.sha256.as_str()) {
                continue;
            }
            let amendments = sessions
                .iter()
                .flat_map(|s| s.amendments.iter().map(move |a| (*s, a)))
                .filter(|(_, a)| a.closed == session.id && a.item == cover.item)
                .map(|(s, a)| (s, a.reason.as_str()))
                .collect();
            out.push(Departure {
                session,
                item: cover.item.clone(),
                amendments,
            });
        }
    }
    out
}

/// The items closed sessions fixed that were changed without a rettifica, each in a sentence
/// naming the verbale: what `check`, `rank` and the window say loudly.
pub fn unamended_sentences(ws: &Workspace) -> Vec<String> {
    departures(ws)
        .into_iter()
        .filter(Departure::unamended)
        .map(|d| {
            format!(
                "MODIFICATO DOPO LA CHIUSURA DELLA SEDUTA «{}» (verbale n. {}) SENZA RETTIFICA: {} (i file sono stati cambiati fuori dal programma)",
                d.session.id,
                d.session.number,
                describe(&d.item)
            )
        })
        .collect()
}
