//! The command line: the same binary as the window, for the secretariat's scripts and for tests.
//! Italian messages; exit 0 on success, 1 when the data has errors, 2 on misuse.

pub mod accesso;
mod check;
mod close;
mod documents;
mod graduatoria;
pub mod import;
mod minutes;
mod new;
pub mod procedure;
pub mod rank;
mod registro;
mod sample;
mod sheet;
mod template;
mod verify;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::error::{ContextKind, ErrorKind};
use clap::{Parser, Subcommand};

use crate::domain::Workspace;
use crate::workspace::{self, Loaded};

pub(crate) const HELP: &str = "\
{about}

Uso: {usage}

{all-args}{after-help}";

#[derive(Debug, Parser)]
#[command(
    name = "commissione",
    version,
    about = "Commissione: valutazione delle candidature di un avviso di co-progettazione.\nSenza argomenti apre la finestra.",
    help_template = HELP,
    subcommand_help_heading = "Comandi",
    disable_help_subcommand = true,
    disable_help_flag = true,
    disable_version_flag = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Mostra questo aiuto
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, global = true)]
    help: Option<bool>,
    /// Mostra la versione
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version)]
    version: Option<bool>,
}

#[derive(Debug, Subcommand)]
#[command(help_template = HELP)]
pub enum Command {
    /// Apre la finestra sull'avviso della cartella DIR
    Open {
        /// Cartella dell'avviso
        dir: PathBuf,
    },
    /// Crea un nuovo avviso nella cartella DIR (nuova o vuota): vuoto, oppure da un modello
    New {
        /// Cartella del nuovo avviso (nuova o vuota)
        dir: PathBuf,
        /// Il modello: coprogettazione (un partner per un programma, con una quota riservata al Comune), spazi (un lotto per spazio, 90% / 10%), microprogetti (crowdfunding civico, 40% / 60% con un tetto per progetto); senza, un avviso vuoto
        #[arg(long, value_name = "NOME")]
        template: Option<String>,
    },
    /// Scrive un avviso di esempio (sondrio-coworking, milano-quartieri-connessi, milano-hub-innovazione, oppure large: un avviso sintetico della dimensione data) nella cartella DIR
    Sample {
        /// Nome dell'esempio
        name: String,
        /// Cartella in cui scriverlo (nuova o vuota)
        dir: PathBuf,
        /// Solo per large: numero di candidature
        #[arg(long, default_value_t = 2000)]
        applications: usize,
        /// Solo per large: numero di lotti
        #[arg(long, default_value_t = 5)]
        lots: usize,
        /// Solo per large: componenti che valutano
        #[arg(long, default_value_t = 7)]
        members: usize,
        /// Solo per large: numero di criteri
        #[arg(long, default_value_t = 20)]
        criteria: usize,
        /// Solo per large: seme del generatore (lo stesso seme dà lo stesso avviso)
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Controlla i file dell'avviso e mostra l'ammissibilità di ogni candidatura
    Check {
        /// Cartella dell'avviso
        dir: PathBuf,
        /// Mostra anche i controlli superati
        #[arg(long)]
        all: bool,
    },
    /// Calcola la graduatoria di ogni lotto
    Rank {
        /// Cartella dell'avviso
        dir: PathBuf,
        /// Solo questo lotto
        #[arg(long)]
        lot: Option<String>,
        /// table (per la lettura), csv (per i fogli di calcolo), json (per i programmi), xlsx o ods (fogli di calcolo, con -o)
        #[arg(long, value_enum, default_value_t = rank::Format::Table)]
        format: rank::Format,
        /// La matrice dei punteggi (ogni componente, ogni criterio) invece della graduatoria: formati csv, xlsx, ods
        #[arg(long)]
        matrix: bool,
        /// Scrive su questo file invece che sullo schermo
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
    },
    /// Scrive il verbale di una seduta in PDF
    Minutes {
        /// Cartella dell'avviso
        dir: PathBuf,
        /// La seduta (il suo identificativo, come in sedute/)
        #[arg(long)]
        session: String,
        /// Il file PDF da scrivere (se manca: DIR/verbali/verbale-N-ID.pdf)
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
    },
    /// Scrive la graduatoria da pubblicare, senza dati personali, in PDF
    Graduatoria {
        /// Cartella dell'avviso
        dir: PathBuf,
        /// Il file PDF da scrivere (se manca: DIR/verbali/graduatoria.pdf)
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
    },
    /// Scrive una comunicazione di esito per ogni candidatura (PDF/A, per la PEC), con i metadati AgID
    Lettere {
        /// Cartella dell'avviso
        dir: PathBuf,
        /// La cartella in cui scriverle (se manca: DIR/verbali/comunicazioni)
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
    },
    /// Scrive la tabella dei contributi per Amministrazione trasparente (artt. 26-27 D.Lgs. 33/2013) in CSV e ODS
    Trasparenza {
        /// Cartella dell'avviso
        dir: PathBuf,
        /// Il file da scrivere, senza o con estensione (se manca: DIR/verbali/trasparenza.csv e .ods)
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
    },
    /// Scrive la scheda di valutazione individuale di un componente, da firmare (PDF/A)
    Scheda {
        /// Cartella dell'avviso
        dir: PathBuf,
        /// Il componente (il suo identificativo, come in commissione.ron)
        #[arg(long)]
        member: String,
        /// Il file PDF da scrivere (se manca: DIR/verbali/scheda-ID.pdf)
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
    },
    /// Verifica che un verbale o una graduatoria in PDF corrisponda ai dati dell'avviso; senza
    /// file, verifica che le sedute chiuse siano integre
    Verify {
        /// Cartella dell'avviso
        dir: PathBuf,
        /// Il file PDF da verificare
        file: Option<PathBuf>,
    },
    /// Importa candidature (con voci di costo e co-finanziamento) o punteggi da file CSV, XLSX o ODS
    Import {
        /// Cartella dell'avviso
        dir: PathBuf,
        /// File delle candidature: una riga per candidatura
        #[arg(long, value_name = "FILE")]
        applications: Option<PathBuf>,
        /// File delle voci di costo: una riga per voce
        #[arg(long, value_name = "FILE")]
        budget: Option<PathBuf>,
        /// File del co-finanziamento: una riga per quota
        #[arg(long, value_name = "FILE")]
        cofinancing: Option<PathBuf>,
        /// File dei punteggi: una riga per componente, candidatura e criterio
        #[arg(long, value_name = "FILE")]
        scores: Option<PathBuf>,
        /// Scrive il modello da compilare (FILE.xlsx o FILE.ods): i tre fogli con le colonne esatte, le istruzioni, gli elenchi dei lotti, delle forme giuridiche e dei tipi di co-finanziamento
        #[arg(long, value_name = "FILE", conflicts_with_all = ["applications", "budget", "cofinancing", "scores", "dry_run", "only_good_rows"])]
        template: Option<PathBuf>,
        /// Mostra che cosa verrebbe importato, senza scrivere nulla
        #[arg(long)]
        dry_run: bool,
        /// Importa solo le righe senza errori ed elenca le altre
        #[arg(long)]
        only_good_rows: bool,
    },
    /// Esporta o importa la scheda di valutazione di un componente (per portarla su una chiavetta)
    #[command(subcommand)]
    Sheet(SheetCommand),
    /// Chiude una seduta: ne sigilla il verbale e fissa ciò che riporta
    Close {
        /// Cartella dell'avviso
        dir: PathBuf,
        /// La seduta da chiudere
        #[arg(long)]
        session: String,
        /// Chiude una seduta conclusiva anche con candidature senza decisione o non valutate da tutti (il verbale le elenca)
        #[arg(long = "conferma-pendenti")]
        confirm_pending: bool,
    },
    /// Mostra il registro delle modifiche e ne verifica l'integrità
    Registro {
        /// Cartella dell'avviso
        dir: PathBuf,
        /// Mostra per intero il prima e il dopo di ogni voce, anche i più lunghi (la chiusura
        /// di una seduta ne ha uno di migliaia di impronte)
        #[arg(long)]
        completo: bool,
    },
    /// Registra il giudizio collegiale della commissione su un criterio di una candidatura (motivazione e dissensi)
    Collegiale {
        /// Cartella dell'avviso
        dir: PathBuf,
        /// La seduta aperta in cui si registra (se manca: l'ultima seduta aperta)
        #[arg(long)]
        seduta: Option<String>,
        /// La candidatura
        #[arg(long)]
        candidatura: String,
        /// Il criterio
        #[arg(long)]
        criterio: String,
        /// La motivazione collegiale
        #[arg(long)]
        motivazione: String,
        /// Il giudizio collegiale che conta per i punti, se l'avviso prevede il punteggio collegiale: un giudizio della scala («buono»), il suo coefficiente («0,8») o i punti
        #[arg(long)]
        voto: Option<String>,
        /// Il dissenso di un componente, come «tognini: le sue ragioni» (anche più volte)
        #[arg(long)]
        dissenso: Vec<String>,
    },
    /// Registra un evento successivo alla graduatoria (rinuncia, esclusione dopo la verifica dei requisiti, riammissione) con il suo atto e la motivazione; l'assegnazione si ricalcola
    Evento {
        /// Cartella dell'avviso
        dir: PathBuf,
        /// La seduta aperta in cui si registra (se manca: l'ultima seduta aperta)
        #[arg(long)]
        seduta: Option<String>,
        /// Che cosa è accaduto
        #[arg(long, value_enum)]
        tipo: procedure::Kind,
        /// La candidatura
        #[arg(long)]
        candidatura: String,
        /// L'atto su cui si fonda (per esempio «nota PEC prot. n. 9120 del 14/04/2026»)
        #[arg(long)]
        atto: String,
        /// La motivazione
        #[arg(long)]
        motivazione: String,
    },
    /// Il registro delle richieste di accesso agli atti (L. 241/1990): senza azione lo mostra
    Accesso {
        /// Cartella dell'avviso
        dir: PathBuf,
        #[command(subcommand)]
        action: Option<accesso::Action>,
    },
}

#[derive(Debug, Subcommand)]
#[command(help_template = HELP)]
pub enum SheetCommand {
    /// Scrive la scheda di un componente in un file da portare alla segreteria
    Export {
        /// Cartella dell'avviso
        dir: PathBuf,
        /// Identificativo del componente
        #[arg(long)]
        member: String,
        /// File da scrivere
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Importa una scheda esportata: rifiuta schede di altri avvisi, più vecchie o modificate
    Import {
        /// Cartella dell'avviso
        dir: PathBuf,
        /// File della scheda
        file: PathBuf,
        /// Il componente di cui si importa la scheda: il file deve contenere la sua (senza
        /// questa opzione, quello nominato dal nome del file, come «scheda-ID.ron»)
        #[arg(long)]
        member: Option<String>,
        /// Se la scheda presente e quella del file sono due versioni diverse: quale tenere
        #[arg(long, value_enum)]
        prefer: Option<sheet::Prefer>,
    },
}

/// What a command ends with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Ok,
    /// The data has errors.
    DataErrors,
    /// The command was misused.
    Misuse,
    /// Ctrl+C or a request to end stopped it; what it was writing was rolled back.
    Interrupted,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        match exit {
            Exit::Ok => ExitCode::SUCCESS,
            Exit::DataErrors => ExitCode::from(1),
            Exit::Misuse => ExitCode::from(2),
            Exit::Interrupted => ExitCode::from(130),
        }
    }
}

/// Parses the arguments, with clap's own errors said in Italian.
pub fn parse(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<Cli, Exit> {
    match Cli::try_parse_from(args) {
        Ok(cli) => Ok(cli),
        Err(e) => match e.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                let _ = e.print();
                Err(Exit::Ok)
            }
            kind => {
                let context = |wanted: ContextKind| {
                    e.context()
                        .find(|(k, _)| *k == wanted)
                        .map(|(_, v)| v.to_string())
                        .unwrap_or_default()
                };
                let message = match kind {
                    ErrorKind::InvalidSubcommand => {
                        format!(
                            "comando sconosciuto «{}»",
                            context(ContextKind::InvalidSubcommand)
                        )
                    }
                    ErrorKind::UnknownArgument => {
                        format!("opzione sconosciuta «{}»", context(ContextKind::InvalidArg))
                    }
                    ErrorKind::MissingRequiredArgument => {
                        format!(
                            "manca un argomento obbligatorio: {}",
                            context(ContextKind::InvalidArg)
                        )
                    }
                    ErrorKind::InvalidValue => {
                        let valid = context(ContextKind::ValidValue);
                        format!(
                            "valore non valido «{}» per {}{}",
                            context(ContextKind::InvalidValue),
                            context(ContextKind::InvalidArg),
                            if valid.is_empty() {
                                String::new()
                            } else {
                                format!(" (valori ammessi: {valid})")
                            }
                        )
                    }
                    ErrorKind::MissingSubcommand => "manca il comando".to_string(),
                    ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
                        "troppi argomenti".to_string()
                    }
                    _ => "argomenti non validi".to_string(),
                };
                eprintln!("errore: {message}\n(commissione --help mostra i comandi e le opzioni)");
                Err(Exit::Misuse)
            }
        },
    }
}

/// Runs a subcommand. `None` means: open the window (the caller does it).
pub fn run(command: Command) -> Exit {
    match command {
        Command::Open { .. } => Exit::Misuse,
        Command::New { dir, template } => new::run(&dir, template.as_deref()),
        Command::Sample {
            name,
            dir,
            applications,
            lots,
            members,
            criteria,
            seed,
        } => {
            let size = crate::samples::large::Size {
                applications,
                lots,
                members,
                criteria,
                seed,
            };
            sample::run(&name, &dir, size)
        }
        Command::Check { dir, all } => check::run(&dir, all),
        Command::Rank {
            dir,
            lot,
            format,
            matrix,
            output,
        } => rank::run(&dir, lot.as_deref(), format, matrix, output.as_deref()),
        Command::Import {
            dir,
            template: Some(template),
            ..
        } => template::run(&dir, &template),
        Command::Import {
            dir,
            applications,
            budget,
            cofinancing,
            scores,
            dry_run,
            only_good_rows,
            template: None,
        } => import::run(
            &dir,
            import::Request {
                files: crate::import::ApplicationFiles {
                    applications,
                    budget,
                    cofinancing,
                },
                scores,
                dry_run,
                only_good_rows,
            },
        ),
        Command::Sheet(SheetCommand::Export {
            dir,
            member,
            output,
        }) => sheet::export(&dir, &member, &output),
        Command::Sheet(SheetCommand::Import {
            dir,
            file,
            member,
            prefer,
        }) => sheet::import(&dir, &file, member.as_deref(), prefer),
        Command::Registro { dir, completo } => registro::run(&dir, completo),
        Command::Close {
            dir,
            session,
            confirm_pending,
        } => close::run(&dir, &session, confirm_pending),
        Command::Minutes {
            dir,
            session,
            output,
        } => minutes::run(&dir, &session, output.as_deref()),
        Command::Graduatoria { dir, output } => graduatoria::run(&dir, output.as_deref()),
        Command::Verify { dir, file } => verify::run(&dir, file.as_deref()),
        Command::Collegiale {
            dir,
            seduta,
            candidatura,
            criterio,
            motivazione,
            voto,
            dissenso,
        } => procedure::collegial(
            &dir,
            procedure::CollegialArgs {
                session: seduta.as_deref(),
                application: &candidatura,
                criterion: &criterio,
                reason: &motivazione,
                mark: voto.as_deref(),
                dissents: &dissenso,
            },
        ),
        Command::Evento {
            dir,
            seduta,
            tipo,
            candidatura,
            atto,
            motivazione,
        } => procedure::event(
            &dir,
            seduta.as_deref(),
            tipo,
            &candidatura,
            &atto,
            &motivazione,
        ),
        Command::Accesso { dir, action } => accesso::run(&dir, action),
        Command::Lettere { dir, output } => documents::letters(&dir, output.as_deref()),
        Command::Trasparenza { dir, output } => documents::transparency(&dir, output.as_deref()),
        Command::Scheda {
            dir,
            member,
            output,
        } => documents::sheet(&dir, &member, output.as_deref()),
    }
}

/// Loads a workspace for a command that needs it whole: any problem is printed and ends the
/// command. The workspace is taken out of what was loaded (not copied: on a large call it is
/// tens of megabytes).
pub(crate) fn load_clean(dir: &Path) -> Result<(Workspace, Loaded), Exit> {
    let mut loaded = workspace::load(dir);
    if !loaded.problems.is_empty() {
        let mut err = std::io::stderr().lock();
        for p in &loaded.problems {
            let _ = writeln!(err, "{p}");
        }
        let _ = writeln!(
            err,
            "{} in {}: correggerli prima di procedere (commissione check {} li elenca).",
            crate::italian::count(loaded.problems.len(), "errore", "errori"),
            dir.display(),
            dir.display()
        );
        return Err(Exit::DataErrors);
    }
    match loaded.workspace.take() {
        Some(ws) => Ok((ws, loaded)),
        None => {
            eprintln!("{}: non è un avviso leggibile", dir.display());
            Err(Exit::DataErrors)
        }
    }
}

/// Writes `text` to standard output, or (atomically) to the file an export names, which may not
/// be a file of the call in `dir` (see [`workspace::guard::guard_output`]).
pub(crate) fn emit(dir: &Path, output: Option<&Path>, text: &[u8]) -> Exit {
    match output {
        Some(path) => export(dir, path, text),
        None => {
            let mut out = std::io::stdout().lock();
            if out.write_all(text).and_then(|()| out.flush()).is_err() {
                // A closed pipe (| head) is not an error of the data.
                return Exit::Ok;
            }
            Exit::Ok
        }
    }
}

/// Refuses an export's destination that is a file of the call, with the sentence that says why.
pub(crate) fn refuse_call_file(dir: &Path, path: &Path) -> Result<(), Exit> {
    workspace::guard::guard_output(dir, path).map_err(|e| {
        eprintln!("errore: {e}");
        Exit::Misuse
    })
}

/// Writes an export atomically, never over a file of the call.
pub(crate) fn export(dir: &Path, path: &Path, bytes: &[u8]) -> Exit {
    if let Err(exit) = refuse_call_file(dir, path) {
        return exit;
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && let Err(e) = workspace::create_folders(parent)
    {
        eprintln!("errore: {}", workspace::os_error::at(parent, &e));
        return Exit::DataErrors;
    }
    match workspace::write_atomic(path, bytes) {
        Ok(()) => Exit::Ok,
        Err(e) => {
            eprintln!(
                "errore: {}: impossibile scrivere: {}",
                path.display(),
                workspace::os_error::describe(&e)
            );
            Exit::DataErrors
        }
    }
}

/// Says what opening the call did about an operation a stopped program left half done.
pub(crate) fn say_recovered(editor: &crate::editor::Editor) {
    if let Some(r) = editor.recovered() {
        eprintln!("{}", r.message());
    }
}
