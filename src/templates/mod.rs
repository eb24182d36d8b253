//! The models a new call starts from: the three kinds of call of the seeds, and a blank one.
//!
//! Each model is data, an `avviso.ron` body in this folder (`coprogettazione.ron`,
//! `spazi.ron`, `microprogetti.ron`, `vuoto.ron`), with sensible criteria, judgement scale,
//! documents and legal forms that the secretariat then edits. The authority, the office and
//! the RUP are left empty, the dates are set when the call is created, the commission is not
//! appointed yet.

use std::fs;
use std::io;
use std::path::Path;

use crate::domain::{Call, Commission, Date, Moment, Parts, TimeOfDay, Workspace};
use crate::editor::Actor;
use crate::workspace::journal::{Draft, Journal};
use crate::workspace::lock::{self, Acquire, Lock};
use crate::workspace::tx::{self, Op, Transaction, TxError};
use crate::workspace::{self, Sources, Store, files};

/// A kind of call to start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Template {
    /// Nothing but one lot and one criterion to edit.
    Blank,
    /// One co-design partner for one programme, with a share reserved to the Comune (Sondrio).
    Coprogettazione,
    /// Spaces as separately funded lots, contribution up to 90%, co-financing at least 10%
    /// (Quartieri Connessi).
    Spazi,
    /// Micro-grants with civic crowdfunding: 40% raised, 60% from the Comune up to a ceiling
    /// per project (Hub dell'innovazione inclusiva).
    Microprogetti,
}

impl Template {
    pub const ALL: [Template; 4] = [
        Template::Coprogettazione,
        Template::Spazi,
        Template::Microprogetti,
        Template::Blank,
    ];

    /// As `commissione new --template NAME` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Template::Blank => "vuoto",
            Template::Coprogettazione => "coprogettazione",
            Template::Spazi => "spazi",
            Template::Microprogetti => "microprogetti",
        }
    }

    pub fn from_name(name: &str) -> Option<Template> {
        Template::ALL.into_iter().find(|t| t.name() == name.trim())
    }

    /// In the window.
    pub fn title(self) -> &'static str {
        match self {
            Template::Blank => "Avviso vuoto",
            Template::Coprogettazione => "Co-progettazione di un programma",
            Template::Spazi => "Spazi da affidare, un lotto per spazio",
            Template::Microprogetti => "Micro-progetti con crowdfunding civico",
        }
    }

    /// What the model gives, in one sentence.
    pub fn description(self) -> &'static str {
        match self {
            Template::Blank => {
                "Un lotto e un criterio da completare, la scala di giudizio consueta: tutto il resto si aggiunge nella vista Avviso."
            }
            Template::Coprogettazione => {
                "Un solo partner per un programma, con una quota delle risorse riservata al Comune; contributo fino al 90% del costo, co-finanziamento di almeno il 10%; sei criteri, tra cui un criterio con sub-criteri e uno sul co-finanziamento oltre il minimo (come l'avviso del Comune di Sondrio per il coworking tematico)."
            }
            Template::Spazi => {
                "Più spazi, ciascuno un lotto finanziato a parte con un solo soggetto attuatore; contributo fino al 90% del costo, co-finanziamento di almeno il 10% (come «Quartieri Connessi» del Comune di Milano)."
            }
            Template::Microprogetti => {
                "Micro-finanziamenti con crowdfunding civico: la campagna raccoglie il 40% del costo, il Comune aggiunge il 60% fino a un tetto per progetto; ammessi i gruppi informali; graduatoria fino a esaurimento delle risorse (come l'«Hub dell'innovazione inclusiva» del Comune di Milano)."
            }
        }
    }

    fn text(self) -> &'static str {
        match self {
            Template::Blank => include_str!("vuoto.ron"),
            Template::Coprogettazione => include_str!("coprogettazione.ron"),
            Template::Spazi => include_str!("spazi.ron"),
            Template::Microprogetti => include_str!("microprogetti.ron"),
        }
    }

    /// The call of this model, published on `today` with the deadline thirty days later at noon.
    pub fn call(self, today: Date) -> Call {
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        // The models are part of the program: a test reads each one.
        let mut call: Call = options
            .from_str(self.text())
            .unwrap_or_else(|e| panic!("il modello «{}» non si legge: {e}", self.name()));
        call.published_on = today;
        call.deadline = deadline_after(today);
        call
    }

    /// The commission, not appointed yet.
    pub fn commission(self) -> Commission {
        Commission {
            appointed_by: String::new(),
            members: Vec::new(),
        }
    }

    /// The whole call as a workspace: no application, sheet or session yet.
    pub fn workspace(self, today: Date) -> Workspace {
        let parts = Parts {
            call: Some(self.call(today)),
            commission: Some(self.commission()),
            ..Parts::default()
        };
        match Workspace::assemble(parts) {
            (Some(ws), problems) if problems.is_empty() => ws,
            (_, problems) => panic!("il modello «{}» non è coerente: {problems:?}", self.name()),
        }
    }
}

/// Thirty days after `today`, at noon, Rome time.
fn deadline_after(today: Date) -> Moment {
    let later = today
        .civil()
        .checked_add(jiff::Span::new().days(30))
        .ok()
        .and_then(|d| Date::new(d.year(), d.month(), d.day()))
        .unwrap_or(today);
    TimeOfDay::new(12, 0)
        .and_then(|noon| later.at(noon).or_else(|| today.at(noon)))
        .unwrap_or_else(|| Moment::from_timestamp(jiff::Timestamp::UNIX_EPOCH))
}

#[derive(Debug, thiserror::Error)]
pub enum NewError {
    #[error(
        "{dir} non è vuota: un nuovo avviso si crea in una cartella nuova o vuota, perché non si mescoli ad altri file"
    )]
    NotEmpty { dir: String },
    #[error("{dir} è un file, non una cartella")]
    NotAFolder { dir: String },
    #[error("{path}: impossibile scrivere ({})", workspace::os_error::describe(.source))]
    Io { path: String, source: io::Error },
    #[error("{dir}: un altro programma ({who}) sta già usando questa cartella")]
    Busy { dir: String, who: String },
    #[error("{0}")]
    Save(#[from] workspace::SaveError),
    #[error("{0}")]
    Storage(#[from] TxError),
}

/// The files a new folder may hold besides the call: the lock's own.
fn lock_file(name: &std::ffi::OsStr) -> bool {
    name == lock::FILE || name == lock::SYSTEM_FILE
}

/// Whether `dir` holds nothing but, perhaps, the lock's files (which a creation that failed
/// leaves, as any program that opened the folder does).
fn empty(dir: &Path) -> Result<bool, NewError> {
    let io = |source| NewError::Io {
        path: dir.display().to_string(),
        source,
    };
    for entry in fs::read_dir(dir).map_err(io)? {
        if !lock_file(&entry.map_err(io)?.file_name()) {
            return Ok(false);
        }
    }
    Ok(true)
}

const FOLDERS: [&str; 4] = [
    files::APPLICATIONS,
    files::SHEETS,
    files::SESSIONS,
    files::MINUTES,
];

/// Creates a new call from `template` in `dir`, which must be new or empty: the folders of the
/// applications, sheets, sessions and minutes, then `avviso.ron` and `commissione.ron` written
/// the way every change is, under the call's lock, as one transaction with its journal entries
/// (the journal's first: "avviso creato dal modello …"). If it fails, the folder is left empty
/// again (but for the lock's files), so that it can be tried again there.
pub fn create(dir: &Path, template: Template, today: Date) -> Result<Workspace, NewError> {
    let shown = dir.display().to_string();
    if dir.exists() {
        if !dir.is_dir() {
            return Err(NewError::NotAFolder { dir: shown });
        }
        if !empty(dir)? {
            return Err(NewError::NotEmpty { dir: shown });
        }
    }
    fs::create_dir_all(dir).map_err(|source| NewError::Io {
        path: shown.clone(),
        source,
    })?;
    let who = Actor::Secretariat.label();
    let now = crate::editor::now();
    let acquired = Lock::acquire(dir, &who, now).map_err(|source| NewError::Io {
        path: shown.clone(),
        source,
    })?;
    let held = match acquired {
        Acquire::Held(l) => l,
        Acquire::Busy(holder) => {
            return Err(NewError::Busy {
                dir: shown,
                who: holder.who,
            });
        }
    };
    // Another program may have written here since the folder was found empty.
    if !empty(dir)? {
        return Err(NewError::NotEmpty { dir: shown });
    }
    let ws = template.workspace(today);
    let written = write(dir, template, &ws, now, &|| held.still_ours());
    if written.is_err() {
        // The folder held nothing else when the lock was taken: what is there now is this
        // creation's (its folders, a journal cut back to nothing, a temporary file).
        if let Ok(entries) = fs::read_dir(dir) {
            for entry in entries.flatten() {
                if lock_file(&entry.file_name()) {
                    continue;
                }
                let path = entry.path();
                let _ = if path.is_dir() {
                    fs::remove_dir_all(&path)
                } else {
                    fs::remove_file(&path)
                };
            }
        }
    }
    drop(held);
    written.map(|()| ws)
}

fn write(
    dir: &Path,
    template: Template,
    ws: &Workspace,
    now: Moment,
    still_ours: &dyn Fn() -> bool,
) -> Result<(), NewError> {
    for sub in FOLDERS {
        let path = dir.join(sub);
        fs::create_dir_all(&path).map_err(|source| NewError::Io {
            path: path.display().to_string(),
            source,
        })?;
    }
    let store = Store::new(dir, Sources::default());
    let mut tx = Transaction::new(format!(
        "creazione dell'avviso dal modello «{}»",
        template.name()
    ));
    let draft = |change: String| Draft {
        who: Actor::Secretariat.label(),
        change,
        ..Draft::default()
    };
    let (file, bytes) = store.call_bytes(ws)?;
    tx.push(
        Op::Put { file, bytes },
        draft(format!("avviso creato dal modello «{}»", template.name())),
    );
    let (file, bytes) = store.commission_bytes(ws)?;
    tx.push(
        Op::Put { file, bytes },
        draft("commissione da nominare".into()),
    );
    tx::commit(dir, &Journal::of(dir), now, tx, still_ours)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_model_reads_and_holds_together() {
        let today = Date::parse("2026-03-02").unwrap();
        for t in Template::ALL {
            let ws = t.workspace(today);
            assert_eq!(ws.call().published_on, today, "{}", t.name());
            assert_eq!(
                ws.call().deadline,
                Moment::parse("2026-04-01T12:00:00+02:00").unwrap()
            );
            assert!(ws.commission().members.is_empty());
            assert_eq!(Template::from_name(t.name()), Some(t));
        }
    }

    #[test]
    fn the_models_carry_the_rules_of_their_kind() {
        let today = Date::parse("2026-03-02").unwrap();
        let c = Template::Coprogettazione.call(today);
        assert_eq!(c.lots.len(), 1);
        assert_eq!(c.lots[0].reserved_share.to_string(), "0.10");
        assert_eq!(c.max_total(), rust_decimal::Decimal::from(100));
        let s = Template::Spazi.call(today);
        assert!(s.lots.len() > 1);
        assert_eq!(
            s.funding.max_contribution_share.map(|x| x.to_string()),
            Some("0.90".into())
        );
        assert_eq!(
            s.funding.min_cofinancing_share.map(|x| x.to_string()),
            Some("0.10".into())
        );
        let m = Template::Microprogetti.call(today);
        assert_eq!(
            m.funding.min_cofinancing_share.map(|x| x.to_string()),
            Some("0.40".into())
        );
        assert_eq!(
            m.funding.max_contribution_share.map(|x| x.to_string()),
            Some("0.60".into())
        );
        assert_eq!(
            m.funding
                .max_contribution_per_project
                .map(|x| x.to_string()),
            Some("30000.00".into())
        );
        assert!(m.informal_groups_allowed);
    }
}
