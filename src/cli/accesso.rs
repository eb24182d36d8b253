//! `commissione accesso DIR …`: the register of access requests (L. 241/1990). Without an
//! action it prints the register, with each request's 30-day deadline and the counter-interested
//! parties' 10 days; the actions record a request, a notice to a counter-interested party, a
//! secret an applicant declared, the decision, and the release of the bundle.

use std::fmt::Write as _;
use std::path::Path;

use clap::Subcommand;

use super::procedure::{applied, open, protocol};
use super::{Exit, HELP};
use crate::domain::{
    AccessDecision, AccessId, AccessOutcome, AccessRequest, Counterpart, CriterionId, Date, Secret,
    Workspace,
};
use crate::editor::{AccessChange, Command, Editor};
use crate::italian;

#[derive(Debug, Subcommand)]
#[command(help_template = HELP)]
pub enum Action {
    /// Registra una richiesta di accesso agli atti
    Nuova {
        /// Data in cui la richiesta è pervenuta (20/04/2026)
        #[arg(long)]
        data: String,
        /// Chi chiede l'accesso
        #[arg(long)]
        richiedente: String,
        /// La candidatura del richiedente, se è un concorrente
        #[arg(long)]
        candidatura: Option<String>,
        /// Che cosa si chiede di vedere
        #[arg(long)]
        oggetto: String,
    },
    /// Registra la notifica a un controinteressato (e, se c'è, la sua opposizione)
    Notifica {
        /// La richiesta (a1, a2…)
        id: String,
        /// La candidatura controinteressata
        #[arg(long)]
        candidatura: String,
        /// Data della notifica: i dieci giorni per opporsi decorrono da essa
        #[arg(long)]
        data: String,
        /// Il testo dell'opposizione, se presentata
        #[arg(long)]
        opposizione: Option<String>,
    },
    /// Registra una parte della candidatura dichiarata segreto tecnico o commerciale
    Segreto {
        /// La candidatura che la dichiara
        #[arg(long)]
        candidatura: String,
        /// Quale parte è segreta
        #[arg(long)]
        parte: String,
        /// I criteri le cui motivazioni la rivelerebbero, separati da virgole (B,C)
        #[arg(long, value_delimiter = ',', required = true)]
        criteri: Vec<String>,
        /// Le ragioni dichiarate
        #[arg(long, default_value = "")]
        motivazione: String,
    },
    /// Decide la richiesta
    Decidi {
        /// La richiesta (a1, a2…)
        id: String,
        /// accolta, parziale, respinta o differita
        #[arg(long, value_enum)]
        esito: Esito,
        /// Data della decisione
        #[arg(long)]
        data: String,
        /// Obbligatoria se la richiesta non è accolta per intero
        #[arg(long, default_value = "")]
        motivazione: String,
    },
    /// Scrive il fascicolo di una richiesta accolta in verbali/accesso-ID e ne registra il rilascio
    Rilascia {
        /// La richiesta (a1, a2…)
        id: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Esito {
    Accolta,
    Parziale,
    Respinta,
    Differita,
}

impl Esito {
    fn outcome(self) -> AccessOutcome {
        match self {
            Esito::Accolta => AccessOutcome::Granted,
            Esito::Parziale => AccessOutcome::PartiallyGranted,
            Esito::Respinta => AccessOutcome::Refused,
            Esito::Differita => AccessOutcome::Deferred,
        }
    }
}

fn date(text: &str) -> Result<Date, Exit> {
    italian::parse_typed_date(text).map_err(|e| {
        eprintln!("errore: {e}");
        Exit::Misuse
    })
}

fn request_id(ws: &Workspace, text: &str) -> Result<AccessId, Exit> {
    AccessId::new(text)
        .ok()
        .filter(|id| ws.access().request(id).is_some())
        .ok_or_else(|| {
            eprintln!("errore: la richiesta di accesso «{text}» non esiste");
            Exit::Misuse
        })
}

pub fn run(dir: &Path, action: Option<Action>) -> Exit {
    let run = || -> Result<(), Exit> {
        let Some(action) = action else {
            let (ws, _) = super::load_clean(dir)?;
            print!("{}", register(&ws, crate::editor::now().date()));
            return Ok(());
        };
        let mut editor = open(dir)?;
        act(&mut editor, action)
    };
    run().err().unwrap_or(Exit::Ok)
}

fn act(editor: &mut Editor, action: Action) -> Result<(), Exit> {
    let ws = editor.workspace();
    match action {
        Action::Nuova {
            data,
            richiedente,
            candidatura,
            oggetto,
        } => {
            let application = candidatura.map(|c| protocol(ws, &c)).transpose()?;
            let id = ws.access().next_id();
            let request = AccessRequest {
                id: id.clone(),
                received_on: date(&data)?,
                requester: richiedente,
                application,
                object: oggetto,
                counterparts: Vec::new(),
                decision: None,
                releases: Vec::new(),
                recorded: None,
            };
            let deadline = request.deadline();
            applied(
                editor,
                Command::Access(AccessChange::Request(Box::new(request))),
            )?;
            println!(
                "Richiesta di accesso «{id}» registrata: va conclusa entro il {}.",
                italian::date(deadline)
            );
        }
        Action::Notifica {
            id,
            candidatura,
            data,
            opposizione,
        } => {
            let request = request_id(ws, &id)?;
            let counterpart = Counterpart {
                application: protocol(ws, &candidatura)?,
                notified_on: date(&data)?,
                opposition: opposizione.unwrap_or_default(),
                recorded: None,
            };
            let until = counterpart.deadline();
            applied(
                editor,
                Command::Access(AccessChange::Notify {
                    request,
                    counterpart,
                }),
            )?;
            println!(
                "Notifica alla controinteressata {candidatura} registrata: può opporsi fino al {}.",
                italian::date(until)
            );
        }
        Action::Segreto {
            candidatura,
            parte,
            criteri,
            motivazione,
        } => {
            let application = protocol(ws, &candidatura)?;
            let mut criteria = Vec::new();
            for c in &criteri {
                criteria.push(CriterionId::new(c.trim()).map_err(|_| {
                    eprintln!("errore: «{c}» non è un criterio");
                    Exit::Misuse
                })?);
            }
            applied(
                editor,
                Command::Access(AccessChange::Secret(Secret {
                    application,
                    part: parte,
                    criteria,
                    reason: motivazione,
                })),
            )?;
            println!(
                "Segreto dichiarato dalla candidatura {candidatura} registrato: le motivazioni sui criteri {} sono sottratte all'accesso degli altri concorrenti.",
                criteri.join(", ")
            );
        }
        Action::Decidi {
            id,
            esito,
            data,
            motivazione,
        } => {
            let request = request_id(ws, &id)?;
            let decision = AccessDecision {
                outcome: esito.outcome(),
                on: date(&data)?,
                reason: motivazione,
                recorded: None,
            };
            let late = ws
                .access()
                .request(&request)
                .is_some_and(|r| decision.on > r.deadline());
            applied(
                editor,
                Command::Access(AccessChange::Decide {
                    request: request.clone(),
                    decision: decision.clone(),
                }),
            )?;
            println!(
                "Richiesta di accesso «{request}» {} il {}{}.",
                italian::access_outcome(decision.outcome),
                italian::date(decision.on),
                if late {
                    " (oltre il termine di 30 giorni)"
                } else {
                    ""
                }
            );
        }
        Action::Rilascia { id } => {
            let request = request_id(ws, &id)?;
            match crate::access::release(editor, &request, crate::editor::now()) {
                Ok((folder, release)) => {
                    println!(
                        "Fascicolo della richiesta «{request}» scritto in {} e registrato:",
                        editor.dir().join(&folder).display()
                    );
                    for f in &release.files {
                        println!("  {} (SHA-256 {})", f.name, f.sha256);
                    }
                }
                Err(e) => {
                    eprintln!("errore: {e}");
                    return Err(Exit::DataErrors);
                }
            }
        }
    }
    Ok(())
}

/// The register as text: each request with its deadline (and how it stands against `today`),
/// the counter-interested parties and their 10 days, the decision and the releases.
pub fn register(ws: &Workspace, today: Date) -> String {
    let mut out = String::new();
    let access = ws.access();
    if access.requests.is_empty() {
        let _ = writeln!(out, "Nessuna richiesta di accesso agli atti registrata.");
    }
    for r in &access.requests {
        let deadline = r.deadline();
        let state = match &r.decision {
            Some(d) => format!(
                "{} il {}{}",
                italian::access_outcome(d.outcome),
                italian::date(d.on),
                if d.on > deadline {
                    " (oltre il termine)"
                } else {
                    ""
                }
            ),
            None if today > deadline => "da decidere: TERMINE SCADUTO".to_string(),
            None => "da decidere".to_string(),
        };
        let _ = writeln!(
            out,
            "{} · pervenuta il {} · {}{} · termine {} · {state}",
            r.id,
            italian::date(r.received_on),
            r.requester,
            r.application
                .as_ref()
                .map_or_else(String::new, |p| format!(" (candidatura {p})")),
            italian::date(deadline)
        );
        let _ = writeln!(out, "    oggetto: {}", r.object);
        for c in &r.counterparts {
            let _ = writeln!(
                out,
                "    controinteressata {}: notificata il {}, può opporsi fino al {}{}",
                c.application,
                italian::date(c.notified_on),
                italian::date(c.deadline()),
                if c.opposition.is_empty() {
                    String::new()
                } else {
                    format!(" · opposizione: {}", c.opposition)
                }
            );
        }
        if let Some(d) = r.decision.as_ref().filter(|d| !d.reason.is_empty()) {
            let _ = writeln!(out, "    motivazione: {}", d.reason);
        }
        for rel in &r.releases {
            let _ = writeln!(
                out,
                "    rilasciato il {} in {}: {}",
                italian::moment(rel.at),
                rel.folder,
                rel.files
                    .iter()
                    .map(|f| f.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    let unsealed = crate::record::unsealed_access_acts(ws);
    if unsealed > 0 {
        let _ = writeln!(out, "{}", italian::unsealed_access_acts(unsealed));
    }
    for s in &access.secrets {
        let criteria: Vec<String> = s.criteria.iter().map(ToString::to_string).collect();
        let _ = writeln!(
            out,
            "Segreto dichiarato dalla candidatura {}: {} (criteri {})",
            s.application,
            s.part,
            criteria.join(", ")
        );
    }
    out
}
