//! What a copy released to an applicant leaves out (access to the records): the personal data
//! of natural persons (legal representatives, and the name, tax code, address and PEC of an
//! applicant that is a natural person), replaced by «[omissis]» wherever they occur; and the
//! motivazioni on the criteria that judge a part another applicant declared a technical or
//! commercial secret. The requester's own application is never withheld from it.
//!
//! Members of the commission act as public officials: their names stay.

use serde_json::Value;

use super::SessionRecord;
use crate::domain::{AccessRequest, CriterionId, LegalForm, Party, Protocol, Workspace};

/// What replaces personal data.
pub const OMISSIS: &str = "[omissis]";

/// What a copy for one request leaves out.
#[derive(Debug, Clone, Default)]
pub struct Redaction {
    /// Texts of natural persons' data, longest first.
    omit: Vec<String>,
    /// (application, criterion, the part declared secret).
    secrets: Vec<(Protocol, CriterionId, String)>,
    /// The requester's own application.
    own: Option<Protocol>,
}

/// A tax code of a natural person: 16 letters and digits (an entity's has 11 digits).
fn personal_tax_code(code: &str) -> bool {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    code.len() == 16 && code.chars().all(|c| c.is_ascii_alphanumeric())
}

pub(super) fn natural_person(party: &Party) -> bool {
    personal_tax_code(&party.tax_code) || party.legal_form == LegalForm::InformalGroup
}

impl Redaction {
    pub fn for_request(ws: &Workspace, request: &AccessRequest) -> Redaction {
        let own = request.application.clone();
        let mut omit: Vec<String> = Vec::new();
        let mut add = |text: &str| {
            let text = text.trim();
            // Very short texts would cut words in two.
            if text.chars().count() >= 4 && !omit.iter().any(|o| o == text) {
                omit.push(text.to_string());
            }
        };
        for app in ws.applications().values() {
            if own.as_ref() == Some(&app.protocol) {
                continue;
            }
            for party in std::iter::once(&app.applicant).chain(&app.partners) {
                add(&party.representative);
                if natural_person(party) {
                    add(&party.name);
                    add(&party.tax_code);
                    add(&party.address);
                    add(&party.pec);
                }
            }
        }
        omit.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        let secrets = ws
            .access()
            .secrets
            .iter()
            .filter(|s| own.as_ref() != Some(&s.application))
            .flat_map(|s| {
                s.criteria
                    .iter()
                    .map(|c| (s.application.clone(), c.clone(), s.part.clone()))
            })
            .collect();
        Redaction { omit, secrets, own }
    }

    pub fn own(&self) -> Option<&Protocol> {
        self.own.as_ref()
    }

    /// The text with the personal data of natural persons replaced.
    pub fn text(&self, text: &str) -> String {
        let mut out = text.to_string();
        for o in &self.omit {
            if out.contains(o.as_str()) {
                out = out.replace(o.as_str(), OMISSIS);
            }
        }
        out
    }

    /// The part declared secret that the motivazioni on `criterion` of `application` would
    /// reveal, if any (never for the requester's own application).
    pub fn secret(&self, application: &Protocol, criterion: &CriterionId) -> Option<&str> {
        self.secrets
            .iter()
            .find(|(p, c, _)| p == application && c == criterion)
            .map(|(_, _, part)| part.as_str())
    }

    /// What stands in for a motivazione withheld.
    pub fn withheld(part: &str) -> String {
        format!(
            "[omissis: motivazione sottratta all'accesso, riguarda una parte dichiarata segreto tecnico o commerciale dal concorrente ({part})]"
        )
    }

    /// A verbale's record as released: motivazioni on secret parts withheld, personal data of
    /// natural persons replaced wherever they occur.
    pub fn session(&self, record: &SessionRecord) -> SessionRecord {
        let mut out = record.clone();
        if let super::Business::Scoring(s) = &mut out.business {
            for lot in &mut s.lots {
                for a in &mut lot.applications {
                    for c in &mut a.criteria {
                        if let Some(part) = self.secret(&a.protocol, &c.criterion) {
                            for m in &mut c.marks {
                                m.reason = Self::withheld(part).into();
                            }
                        }
                    }
                }
            }
        }
        for c in &mut out.collegial {
            if let Some(part) = self.secret(&c.protocol, &c.criterion) {
                c.reason = Self::withheld(part);
                for m in &mut c.marks {
                    m.reason = Self::withheld(part).into();
                }
                for d in &mut c.dissents {
                    d.note = Self::withheld(part);
                }
            }
        }
        if self.omit.is_empty() {
            return out;
        }
        let Ok(mut value) = serde_json::to_value(&out) else {
            return out;
        };
        self.walk(&mut value);
        serde_json::from_value(value).unwrap_or(out)
    }

    fn walk(&self, value: &mut Value) {
        match value {
            Value::String(s) => {
                let replaced = self.text(s);
                if replaced != *s {
                    *s = replaced;
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| self.walk(v)),
            Value::Object(map) => map.values_mut().for_each(|v| self.walk(v)),
            _ => {}
        }
    }
}
