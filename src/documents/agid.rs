//! The metadata of an informatic document that the AgID guidelines ask for (Linee guida sulla
//! formazione, gestione e conservazione dei documenti informatici, Allegato 5): written as
//! JSON beside each document, for the Comune's document system to import with it.

use serde::Serialize;

use crate::domain::Moment;

/// A party and its role (Allegato 5, "Soggetti").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Party {
    #[serde(rename = "Ruolo")]
    pub role: String,
    #[serde(rename = "TipoSoggetto")]
    pub kind: String,
    #[serde(rename = "Denominazione")]
    pub name: String,
    #[serde(rename = "CodiceFiscale", skip_serializing_if = "Option::is_none")]
    pub tax_code: Option<String>,
}

/// What a document is, in the guidelines' terms.
pub struct Described<'a> {
    /// "Verbale", "Graduatoria", "Comunicazione", "Scheda di valutazione".
    pub kind: &'a str,
    /// The file's name, as written.
    pub file_name: &'a str,
    pub subject: &'a str,
    pub keywords: Vec<String>,
    pub parties: Vec<Party>,
    /// Whether it holds data not to be published (reserved sessions, personal data).
    pub reserved: bool,
    pub dated: Moment,
    /// A closed (final) document, or a draft.
    pub final_version: bool,
}

/// The metadata of the document whose SHA-256 is `digest` (hexadecimal).
pub fn metadata(d: &Described, digest: &str) -> serde_json::Value {
    serde_json::json!({
        "IdDoc": {
            "Identificativo": format!("{}-{}", d.file_name.trim_end_matches(".pdf"), &digest[..16]),
            "ImprontaCrittografica": {
                "Algoritmo": "SHA-256",
                "Impronta": digest,
            },
        },
        "ModalitaDiFormazione": "a) creazione tramite l'utilizzo di strumenti software che assicurino la produzione di documenti nei formati e nel rispetto delle regole di interoperabilità",
        "TipologiaDocumentale": d.kind,
        "DatiDiRegistrazione": {
            "TipologiaDiFlusso": if d.kind == "Comunicazione" { "U" } else { "I" },
            "TipoRegistro": "Nessuno",
            "DataRegistrazione": d.dated.to_string(),
        },
        "Soggetti": d.parties,
        "ChiaveDescrittiva": {
            "Oggetto": d.subject,
            "ParoleChiave": d.keywords,
        },
        "Allegati": { "NumeroAllegati": 0 },
        "Riservato": d.reserved,
        "IdentificativoDelFormato": {
            "Formato": "application/pdf",
            "Versione": "PDF/A-2a (ISO 19005-2)",
            "ProdottoSoftware": {
                "NomeProdotto": "Commissione",
                "VersioneProdotto": env!("CARGO_PKG_VERSION"),
                "Produttore": "Commissione",
            },
        },
        "Verifica": {
            "FirmatoDigitalmente": false,
            "SigillatoElettronicamente": false,
            "MarcaturaTemporale": false,
            "ConformitaCopieImmagineSuSupportoInformatico": false,
        },
        "NomeDelDocumento": d.file_name,
        "VersioneDelDocumento": if d.final_version { "1" } else { "bozza" },
        "DataDiCreazione": d.dated.to_string(),
    })
}

/// Where the metadata of `pdf` go: `NAME.metadati.json` beside `NAME.pdf`.
pub fn beside(pdf: &std::path::Path) -> std::path::PathBuf {
    pdf.with_extension("metadati.json")
}

/// The SHA-256 of a file, read in pieces (a long verbale is not read whole).
pub fn file_digest(path: &std::path::Path) -> std::io::Result<String> {
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut hash = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hash.update(&buf[..n]);
    }
    Ok(hash.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Writes the metadata of the document at `pdf` beside it.
pub fn write_beside(pdf: &std::path::Path, d: &Described) -> std::io::Result<()> {
    let digest = file_digest(pdf)?;
    let mut text = serde_json::to_string_pretty(&metadata(d, &digest)).unwrap_or_default();
    text.push('\n');
    crate::workspace::write_atomic(&beside(pdf), text.as_bytes())
}
