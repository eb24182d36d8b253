//! The register of access requests (`accessi.ron`): a request, the counter-interested parties
//! notified, the decision, each release of the bundle, the secrets applicants declared. Each
//! change is checked, saved and journaled like any other; a release is journaled with the
//! files it wrote and their hashes.

use super::change::{Also, Change, Target, compact};
use super::{Command, EditError, Editor};
use crate::domain::{
    AccessDecision, AccessId, AccessOutcome, AccessRegister, AccessRequest, Counterpart, Recorded,
    Release, Secret, Workspace,
};
use crate::italian;
use crate::workspace::files;

/// A change to the register of access requests.
#[derive(Debug, Clone, PartialEq)]
pub enum AccessChange {
    /// A request received, or corrected (same id): date, requester, what is asked.
    Request(Box<AccessRequest>),
    /// A counter-interested party notified (or its opposition recorded, same application).
    Notify {
        request: AccessId,
        counterpart: Counterpart,
    },
    /// The decision on the request.
    Decide {
        request: AccessId,
        decision: AccessDecision,
    },
    /// The bundle released: its files (name and bytes), written in the release's folder in
    /// the same transaction as the register, each with its journal entry.
    Release {
        request: AccessId,
        release: Release,
        files: Vec<(String, Vec<u8>)>,
    },
    /// A part an applicant declared a technical or commercial secret.
    Secret(Secret),
    /// The whole register (the undo of the changes above).
    Put(Box<AccessRegister>),
}

impl Editor {
    pub(super) fn access(&mut self, change: AccessChange) -> Result<Change, EditError> {
        let old = self.workspace.access().clone();
        let mut register = old.clone();
        if let AccessChange::Release { release, files, .. } = &change {
            let listed = |(name, bytes): &(String, Vec<u8>)| {
                release
                    .files
                    .iter()
                    .any(|f| &f.name == name && f.sha256 == crate::seal::sha256_hex(bytes))
            };
            if files.len() != release.files.len() || !files.iter().all(listed) {
                return Err(invalid(
                    "i file del fascicolo non corrispondono a quelli registrati nel rilascio",
                ));
            }
        }
        let also = match &change {
            AccessChange::Release { release, files, .. } => files
                .iter()
                .map(|(name, bytes)| Also {
                    file: std::path::Path::new(&release.folder).join(name),
                    bytes: bytes.clone(),
                    description: format!("atto rilasciato per l'accesso agli atti: {name}"),
                })
                .collect(),
            _ => Vec::new(),
        };
        let stamp = Recorded {
            at: (self.clock)(),
            session: self.workspace.open_session().map(|s| s.id.clone()),
        };
        let description = apply(&self.workspace, &mut register, change, stamp)?;
        let before = compact(&old);
        let after = compact(&register);
        let workspace = self.changed(move |parts| parts.access = register)?;
        Ok(Change {
            workspace,
            target: Target::Access,
            file: files::ACCESS.into(),
            description,
            before,
            after,
            inverse: Command::Access(AccessChange::Put(Box::new(old))),
            sealed_record: None,
            amended_session: None,
            also,
        })
    }
}

fn invalid(message: impl Into<String>) -> EditError {
    EditError::Invalid(vec![message.into()])
}

fn request_mut<'a>(
    register: &'a mut AccessRegister,
    id: &AccessId,
) -> Result<&'a mut AccessRequest, EditError> {
    register
        .requests
        .iter_mut()
        .find(|r| &r.id == id)
        .ok_or_else(|| EditError::NotFound(format!("la richiesta di accesso «{id}» non esiste")))
}

/// Applies the change to the register; the journal's words, or why it is refused. Each act is
/// stamped with `stamp` (now, and the session open now), so that a verbale reports it.
fn apply(
    ws: &Workspace,
    register: &mut AccessRegister,
    change: AccessChange,
    stamp: Recorded,
) -> Result<String, EditError> {
    let exists = |p: &crate::domain::Protocol| ws.application(p).is_some();
    match change {
        AccessChange::Request(request) => {
            let mut request = *request;
            request.requester = request.requester.trim().to_string();
            request.object = request.object.trim().to_string();
            if request.requester.is_empty() {
                return Err(invalid("indicare chi chiede l'accesso"));
            }
            if request.object.is_empty() {
                return Err(invalid(
                    "indicare l'oggetto della richiesta: quali atti si chiede di vedere",
                ));
            }
            if let Some(p) = &request.application
                && !exists(p)
            {
                return Err(EditError::NotFound(format!(
                    "la candidatura «{p}» non esiste"
                )));
            }
            let description = format!(
                "richiesta di accesso agli atti {} di {} del {}",
                request.id,
                request.requester,
                italian::date(request.received_on)
            );
            request.recorded = Some(stamp);
            match register.requests.iter_mut().find(|r| r.id == request.id) {
                Some(held) => {
                    // What followed the request stays: only its own data are corrected.
                    held.received_on = request.received_on;
                    held.requester = request.requester;
                    held.application = request.application;
                    held.object = request.object;
                    held.recorded = request.recorded;
                }
                None => register.requests.push(request),
            }
            Ok(description)
        }
        AccessChange::Notify {
            request,
            mut counterpart,
        } => {
            let r = request_mut(register, &request)?;
            if !exists(&counterpart.application) {
                return Err(EditError::NotFound(format!(
                    "la candidatura «{}» non esiste",
                    counterpart.application
                )));
            }
            if r.application.as_ref() == Some(&counterpart.application) {
                return Err(invalid(format!(
                    "la candidatura {} è quella del richiedente: non è controinteressata",
                    counterpart.application
                )));
            }
            if counterpart.notified_on < r.received_on {
                return Err(invalid(format!(
                    "la notifica del {} precede la richiesta, pervenuta il {}",
                    italian::date(counterpart.notified_on),
                    italian::date(r.received_on)
                )));
            }
            counterpart.opposition = counterpart.opposition.trim().to_string();
            counterpart.recorded = Some(stamp);
            let description = format!(
                "richiesta di accesso {request}: notifica alla controinteressata {} del {}{}",
                counterpart.application,
                italian::date(counterpart.notified_on),
                if counterpart.opposition.is_empty() {
                    String::new()
                } else {
                    format!(" (opposizione: {})", counterpart.opposition)
                }
            );
            match r
                .counterparts
                .iter_mut()
                .find(|c| c.application == counterpart.application)
            {
                Some(held) => *held = counterpart,
                None => r.counterparts.push(counterpart),
            }
            Ok(description)
        }
        AccessChange::Decide {
            request,
            mut decision,
        } => {
            let r = request_mut(register, &request)?;
            decision.reason = decision.reason.trim().to_string();
            if decision.outcome != AccessOutcome::Granted && decision.reason.is_empty() {
                return Err(invalid(format!(
                    "una richiesta {} richiede la motivazione",
                    italian::access_outcome(decision.outcome)
                )));
            }
            if decision.on < r.received_on {
                return Err(invalid(format!(
                    "la decisione del {} precede la richiesta, pervenuta il {}",
                    italian::date(decision.on),
                    italian::date(r.received_on)
                )));
            }
            // The counter-interested parties have ten days to oppose: the administration
            // decides after them, unless they have already answered.
            if decision.outcome.grants()
                && let Some(c) = r
                    .counterparts
                    .iter()
                    .find(|c| c.opposition.is_empty() && decision.on <= c.deadline())
            {
                return Err(invalid(format!(
                    "la controinteressata {} è stata notificata il {} e può opporsi fino al {}: si decide dopo quel giorno (o dopo la sua opposizione)",
                    c.application,
                    italian::date(c.notified_on),
                    italian::date(c.deadline())
                )));
            }
            let description = format!(
                "richiesta di accesso {request} {} il {}{}",
                italian::access_outcome(decision.outcome),
                italian::date(decision.on),
                if decision.reason.is_empty() {
                    String::new()
                } else {
                    format!(" (motivazione: {})", decision.reason)
                }
            );
            decision.recorded = Some(stamp);
            r.decision = Some(decision);
            Ok(description)
        }
        AccessChange::Release {
            request,
            mut release,
            ..
        } => {
            release.session = stamp.session;
            let r = request_mut(register, &request)?;
            if !r.decision.as_ref().is_some_and(|d| d.outcome.grants()) {
                return Err(invalid(format!(
                    "la richiesta di accesso {request} non è accolta: non si rilascia nulla"
                )));
            }
            let files: Vec<String> = release
                .files
                .iter()
                .map(|f| format!("{} (SHA-256 {})", f.name, f.sha256))
                .collect();
            let description = format!(
                "rilascio degli atti per la richiesta di accesso {request} in {}: {}",
                release.folder,
                files.join(", ")
            );
            r.releases.push(release);
            Ok(description)
        }
        AccessChange::Secret(mut secret) => {
            secret.part = secret.part.trim().to_string();
            secret.reason = secret.reason.trim().to_string();
            if !exists(&secret.application) {
                return Err(EditError::NotFound(format!(
                    "la candidatura «{}» non esiste",
                    secret.application
                )));
            }
            if secret.part.is_empty() {
                return Err(invalid(
                    "indicare quale parte della candidatura è dichiarata segreta",
                ));
            }
            if secret.criteria.is_empty() {
                return Err(invalid(
                    "indicare i criteri le cui motivazioni rivelerebbero la parte segreta",
                ));
            }
            if let Some(c) = secret
                .criteria
                .iter()
                .find(|c| ws.call().criterion(c).is_none())
            {
                return Err(EditError::NotFound(format!("il criterio «{c}» non esiste")));
            }
            let description = format!(
                "segreto tecnico o commerciale dichiarato dalla candidatura {}: {}",
                secret.application, secret.part
            );
            register
                .secrets
                .retain(|s| !(s.application == secret.application && s.part == secret.part));
            register.secrets.push(secret);
            Ok(description)
        }
        AccessChange::Put(whole) => {
            *register = *whole;
            Ok("registro degli accessi agli atti".into())
        }
    }
}
