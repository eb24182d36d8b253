//! A copy of a closed session's verbale with parts left out, for access to the records: the
//! verbale's own pages drawn from the record as released, with a notice at the top and the
//! seal of the original in every footer.

use super::MinutesError;
use super::document::document;
use super::font::Fonts;
use super::pdf::Meta;
use super::verbale::body;
use crate::domain::Seal;
use crate::italian;
use crate::record::SessionRecord;

/// A copy of a closed session's verbale released with parts left out (access to the records):
/// drawn from the record as released, it says so at the top and in every footer, with the
/// seal of the original, and carries the fingerprint of its own record.
pub fn render_copy(
    fonts: &Fonts,
    r: &SessionRecord,
    original: &Seal,
    notice: &str,
) -> Result<Vec<u8>, MinutesError> {
    let fingerprint = crate::seal::seal(r);
    let meta = Meta {
        title: format!(
            "Copia con omissis del verbale n. {} del {}",
            r.session.number,
            italian::date(r.session.date)
        ),
        author: format!("{} – Commissione di valutazione", r.call.authority),
        subject: r.call.title.clone(),
        keywords: format!(
            "copia per l'accesso agli atti; seduta {}; sigillo del verbale {}",
            r.session.id, original.sha256
        ),
        date: original.closed_at,
        kind: "copia-verbale",
        session: Some(r.session.id.to_string()),
        member: None,
        seal: fingerprint,
    };
    let footer = vec![
        format!(
            "{} – Copia con omissis del verbale n. {} del {}",
            r.call.authority,
            r.session.number,
            italian::date(r.session.date)
        ),
        format!("Sigillo SHA-256 del verbale originale: {}", original.sha256),
    ];
    document(fonts, r, &footer, &meta, Vec::new(), |flow| {
        body(flow, r, false, Some(notice))
    })
}
