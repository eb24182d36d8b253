//! The presentation mode.

use super::plural;

// Presentazione.

pub const PRESENT_EXIT: &str = "Esci (Esc)";
pub const PRESENT_MARKS: &str = "Giudizi dei componenti";
pub const PRESENT_KEYS: &str = "Frecce sinistra e destra, o PagSu e PagGiù: pagina precedente e successiva (dopo le candidature di ogni lotto, la sua graduatoria) · F11: schermo intero · Esc: esci";

pub fn partners_count(n: usize) -> String {
    format!("in associazione con {}", plural(n, "partner", "partner"))
}

pub fn rank(n: u32) -> String {
    format!("{n}ª in graduatoria")
}

pub fn granted(amount: &str) -> String {
    format!("assegnati {amount}")
}

pub const RANK_COLUMN: &str = "Pos.";
pub const APPLICATION_COLUMN: &str = "Candidatura";
pub const GRANTED_COLUMN: &str = "Contributo";

/// The title of a lot's ranking slide.
pub fn ranking_of(lot: &str) -> String {
    format!("Graduatoria · {lot}")
}
