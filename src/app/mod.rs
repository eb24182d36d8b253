//! The window. A first version: the applications of the workspace in a table.

use std::path::PathBuf;

use eframe::egui;

use crate::cli::Exit;
use crate::domain::Workspace;
use crate::rules::{self, Evaluation};
use crate::{italian, workspace};

pub fn run(dir: Option<PathBuf>) -> Exit {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Commissione")
            .with_inner_size([1200.0, 720.0]),
        ..Default::default()
    };
    let state = State::open(dir);
    match eframe::run_native("Commissione", options, Box::new(|_cc| Ok(Box::new(state)))) {
        Ok(()) => Exit::Ok,
        Err(e) => {
            eprintln!("errore: impossibile aprire la finestra ({e})");
            Exit::DataErrors
        }
    }
}

struct State {
    loaded: Option<(Workspace, Evaluation)>,
    messages: Vec<String>,
}

impl State {
    fn open(dir: Option<PathBuf>) -> State {
        let dir = match dir {
            Some(dir) => dir,
            None => {
                let dir = std::env::temp_dir().join("commissione-sondrio-coworking");
                if !dir.join(workspace::files::CALL).exists()
                    && let Err(e) = crate::samples::write("sondrio-coworking", &dir)
                {
                    return State {
                        loaded: None,
                        messages: vec![e.to_string()],
                    };
                }
                dir
            }
        };
        let loaded = workspace::load(&dir);
        let messages = loaded.problems.iter().map(|p| p.to_string()).collect();
        State {
            loaded: loaded.workspace.map(|ws| {
                let evaluation = rules::evaluate(&ws);
                (ws, evaluation)
            }),
            messages,
        }
    }
}

impl eframe::App for State {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            for m in &self.messages {
                ui.colored_label(ui.visuals().error_fg_color, m);
            }
            let Some((ws, evaluation)) = &self.loaded else {
                return;
            };
            ui.heading(&ws.call().title);
            ui.label(&ws.call().authority);
            ui.separator();
            egui::Grid::new("candidature").striped(true).show(ui, |ui| {
                for h in [
                    "Protocollo",
                    "Soggetto proponente",
                    "Lotto",
                    "Richiesto",
                    "Esito",
                ] {
                    ui.strong(h);
                }
                ui.end_row();
                for app in ws.applications().values() {
                    ui.label(app.protocol.as_str());
                    ui.label(&app.applicant.name);
                    ui.label(app.lot.as_str());
                    ui.label(italian::euro(app.requested));
                    let outcome = evaluation
                        .application(&app.protocol)
                        .map(|r| italian::outcome(r.outcome));
                    ui.label(outcome.unwrap_or(""));
                    ui.end_row();
                }
            });
        });
    }
}
