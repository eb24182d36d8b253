//! `commissione collegiale` and `commissione evento`: the collegial judgement on a criterion of
//! an application, and an event after the ranking, each recorded in an open session through the
//! editor (checked, saved, journaled) like the same act in the window.

use std::path::Path;

use super::Exit;
use crate::domain::{
    Collegial, CriterionId, Dissent, Event, EventKind, MemberId, Points, Protocol, SessionId,
    Workspace,
};
use crate::editor::{Actor, Command, EditError, Editor};
use crate::italian;

/// The kinds of event, as the command line names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// Rinuncia della candidatura al posto in graduatoria
    Rinuncia,
    /// Esclusione a seguito della verifica dei requisiti dichiarati
    Esclusione,
    /// Riammissione a seguito di soccorso istruttorio
    RiammissioneSoccorso,
    /// Riammissione a seguito di ricorso
    RiammissioneRicorso,
}

impl Kind {
    fn event_kind(self) -> EventKind {
        match self {
            Kind::Rinuncia => EventKind::Renunciation,
            Kind::Esclusione => EventKind::ExcludedAfterVerification,
            Kind::RiammissioneSoccorso => EventKind::ReadmittedAfterSoccorso,
            Kind::RiammissioneRicorso => EventKind::ReadmittedAfterAppeal,
        }
    }
}

pub(super) fn open(dir: &Path) -> Result<Editor, Exit> {
    Editor::open(dir, Actor::Secretariat).map_err(|e| {
        eprintln!("{e}");
        Exit::DataErrors
    })
}

pub(super) fn session(ws: &Workspace, session: Option<&str>) -> Result<SessionId, Exit> {
    let open = ws.open_session().map(|s| s.id.clone());
    match session {
        Some(text) => SessionId::new(text)
            .ok()
            .filter(|id| ws.session(id).is_some())
            .ok_or_else(|| {
                eprintln!("errore: la seduta «{text}» non esiste");
                Exit::Misuse
            }),
        None => open.ok_or_else(|| {
            eprintln!(
                "errore: non c'è una seduta aperta in cui registrare l'atto: crearne una (finestra, Sedute) o indicarla con --seduta"
            );
            Exit::DataErrors
        }),
    }
}

pub(super) fn protocol(ws: &Workspace, text: &str) -> Result<Protocol, Exit> {
    Protocol::new(text)
        .ok()
        .filter(|p| ws.application(p).is_some())
        .ok_or_else(|| {
            eprintln!("errore: la candidatura «{text}» non esiste");
            Exit::Misuse
        })
}

pub(super) fn applied(editor: &mut Editor, command: Command) -> Result<(), Exit> {
    editor.apply(command).map(|_| ()).map_err(|e| {
        eprintln!("errore: {e}");
        match e {
            EditError::NotFound(_) => Exit::Misuse,
            _ => Exit::DataErrors,
        }
    })
}

pub struct CollegialArgs<'a> {
    pub session: Option<&'a str>,
    pub application: &'a str,
    pub criterion: &'a str,
    pub reason: &'a str,
    /// The collegial mark: a judgement of the scale, its coefficient or points.
    pub mark: Option<&'a str>,
    /// "member: what they say"
    pub dissents: &'a [String],
}

pub fn collegial(dir: &Path, args: CollegialArgs) -> Exit {
    let run = || -> Result<(), Exit> {
        let mut editor = open(dir)?;
        let ws = editor.workspace();
        let session = session(ws, args.session)?;
        let application = protocol(ws, args.application)?;
        let criterion = CriterionId::new(args.criterion)
            .ok()
            .filter(|c| ws.call().criterion(c).is_some())
            .ok_or_else(|| {
                eprintln!("errore: il criterio «{}» non esiste", args.criterion);
                Exit::Misuse
            })?;
        let mut dissents = Vec::new();
        for d in args.dissents {
            let Some((member, note)) = d.split_once(':') else {
                eprintln!(
                    "errore: il dissenso «{d}» si scrive «componente: ragioni» (per esempio «tognini: il cronoprogramma non è realistico»)"
                );
                return Err(Exit::Misuse);
            };
            let member = MemberId::new(member.trim()).map_err(|_| {
                eprintln!("errore: «{}» non è un componente", member.trim());
                Exit::Misuse
            })?;
            dissents.push(Dissent {
                member,
                note: note.trim().to_string(),
            });
        }
        let value = match args.mark {
            Some(text) => Some(collegial_mark(ws.call(), text)?),
            None => None,
        };
        let judgement = Collegial {
            application: application.clone(),
            criterion: criterion.clone(),
            reason: args.reason.to_string(),
            value,
            dissents,
        };
        applied(
            &mut editor,
            Command::Collegial {
                session: session.clone(),
                judgement,
            },
        )?;
        let number = editor.workspace().session(&session).map_or(0, |s| s.number);
        println!(
            "Giudizio collegiale sulla candidatura {application}, criterio {criterion}, registrato nella seduta «{session}» (verbale n. {number})."
        );
        Ok(())
    };
    run().err().unwrap_or(Exit::Ok)
}

/// A collegial mark as typed: a judgement of the call's scale by its name («buono»), or a
/// number, the Italian way or not («0,8», «0.8», «14»). Whether it fits the criterion is the
/// editor's to say.
fn collegial_mark(call: &crate::domain::Call, text: &str) -> Result<Points, Exit> {
    let text = text.trim();
    if let Some(j) = call
        .judgement_scale
        .iter()
        .find(|j| j.label.trim().eq_ignore_ascii_case(text))
    {
        return Points::new(j.coefficient.value()).ok_or(Exit::Misuse);
    }
    Points::parse(&text.replace(',', ".")).map_err(|_| {
        let scale: Vec<&str> = call
            .judgement_scale
            .iter()
            .map(|j| j.label.as_str())
            .collect();
        eprintln!(
            "errore: il voto «{text}» non è un giudizio della scala ({}) né un numero",
            scale.join(", ")
        );
        Exit::Misuse
    })
}

pub fn event(
    dir: &Path,
    session: Option<&str>,
    kind: Kind,
    application: &str,
    act: &str,
    reason: &str,
) -> Exit {
    let run = || -> Result<(), Exit> {
        let mut editor = open(dir)?;
        let ws = editor.workspace();
        let session = self::session(ws, session)?;
        let application = protocol(ws, application)?;
        let lot = ws.application(&application).map(|a| a.lot.clone());
        let before = lot
            .as_ref()
            .and_then(|l| editor.evaluation().lots.get(l).cloned());
        applied(
            &mut editor,
            Command::RecordEvent {
                session: session.clone(),
                event: Event {
                    kind: kind.event_kind(),
                    application: application.clone(),
                    act: act.to_string(),
                    reason: reason.to_string(),
                },
            },
        )?;
        println!(
            "{} della candidatura {application} registrata nella seduta «{session}».",
            italian::capitalized(italian::event_kind(kind.event_kind()))
        );
        let ws = editor.workspace();
        let evaluation = editor.evaluation();
        if let (Some(lot), Some(before)) = (lot, before)
            && let Some(after) = evaluation.lots.get(&lot)
        {
            let allocation = ws
                .call()
                .lot(&lot)
                .map_or(crate::domain::Allocation::SingleWinner, |l| l.allocation);
            println!("Assegnazione del lotto «{lot}» ora:");
            for place in &after.ranking {
                let Some(r) = evaluation.application(&place.protocol) else {
                    continue;
                };
                let granted = match r.granted {
                    Some(m) if !m.is_zero() => format!(" {}", italian::euro(m)),
                    _ => String::new(),
                };
                println!(
                    "  {}. {} {}{granted}",
                    place.rank,
                    place.protocol,
                    r.outcome.label(allocation)
                );
            }
            println!(
                "Totale assegnato: {} (prima: {}).",
                italian::euro(after.granted),
                italian::euro(before.granted)
            );
        }
        Ok(())
    };
    run().err().unwrap_or(Exit::Ok)
}
