//! A new call: the start screen's choices and the templates.

pub const NEW_CALL: &str = "Nuovo avviso…";
pub const NEW_CALL_HINT: &str = "Crea un nuovo avviso da un modello (co-progettazione di un programma, spazi da affidare, micro-progetti con crowdfunding civico) o vuoto, in una cartella nuova; poi lo si completa nella vista Avviso.";
pub const NEW_CALL_TITLE: &str = "Nuovo avviso";
pub const NEW_CALL_KIND: &str = "Che tipo di avviso è?";
pub const NEW_CALL_FOLDER: &str = "nuovo-avviso";
pub const NEW_CALL_FOLDER_LABEL: &str = "Cartella del nuovo avviso";
pub const NEW_CALL_FOLDER_HINT: &str = "Una cartella nuova o vuota: vi saranno salvati l'avviso, le candidature, le schede, le sedute e i verbali. Si può copiare su una chiavetta o in una cartella condivisa.";
pub const NEW_CALL_PICK: &str = "Scegli la cartella…";
pub const NEW_CALL_DIALOG: &str = "Cartella del nuovo avviso";
pub const NEW_CALL_CREATE: &str = "Crea l'avviso";

pub fn call_created(dir: &str) -> String {
    format!(
        "Nuovo avviso creato in {dir}. Completarlo qui, scheda per scheda: dati generali, lotti, finanziamento, criteri, documenti, commissione."
    )
}

pub fn sample_banner(name: &str) -> String {
    format!(
        "Questo è un avviso di esempio ({name}): le modifiche restano nella sua cartella. Per un avviso vero si crea un nuovo avviso."
    )
}
