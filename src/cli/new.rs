//! `commissione new DIR [--template NAME]`: a new call, from one of the models or blank.

use std::path::Path;

use super::Exit;
use crate::templates::{self, Template};

pub fn run(dir: &Path, template: Option<&str>) -> Exit {
    let template = match template {
        None => Template::Blank,
        Some(name) => match Template::from_name(name) {
            Some(t) => t,
            None => {
                let names: Vec<&str> = Template::ALL.iter().map(|t| t.name()).collect();
                eprintln!(
                    "errore: non esiste un modello «{name}»: quelli disponibili sono {}",
                    names.join(", ")
                );
                return Exit::Misuse;
            }
        },
    };
    let today = crate::editor::now().date();
    match templates::create(dir, template, today) {
        Ok(ws) => {
            println!(
                "Nuovo avviso ({}) creato in {}: {}, {}. Completarlo con «commissione open {}» (vista Avviso) o modificando avviso.ron e commissione.ron; «commissione check {}» lo controlla e dice che cosa manca.",
                template.title().to_lowercase(),
                dir.display(),
                count(ws.call().lots.len(), "lotto", "lotti"),
                count(ws.call().criteria.len(), "criterio", "criteri"),
                dir.display(),
                dir.display()
            );
            Exit::Ok
        }
        Err(e) => {
            eprintln!("errore: {e}");
            Exit::DataErrors
        }
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
