//! The register of access requests (`accessi.ron`): a request, the counter-interested parties
//! notified, the decision, each release of the bundle, the secrets applicants declared. Each
//! change is checked, saved and journaled like any other; a release is journaled with the
//! files it wrote and their hashes.

use super::change::{Also, Change, Target, compact};
use super::{Command, EditError, Editor, messages};
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
                return Err(invalid(messages::RELEASE_FILES_DIFFER));
            }
        }
        let also = match &change {
            AccessChange::Release { release, files, .. } => files
                .iter()
                .map(|(name, bytes)| Also {
                    file: std::path::Path::new(&release.folder).join(name),
                    bytes: bytes.clone(),
                    description: messages::released_file(name),
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
        .ok_or_else(|| EditError::NotFound(messages::no_request(id)))
}

/// Applies the change to the register; the journal's words, or why it is refused. Each act is
/// stamped with `stamp` (now, and the session open now), so that a verbale reports it.
fn apply(
    ws: &Workspace,
    register: &mut AccessRegister,
    change: AccessChange,
    stamp: Recorded,
) -> Result<String, EditError> {
    match change {
        AccessChange::Request(request) => receive(ws, register, *request, stamp),
        AccessChange::Notify {
            request,
            counterpart,
        } => notify(ws, request_mut(register, &request)?, counterpart, stamp),
        AccessChange::Decide { request, decision } => {
            decide(request_mut(register, &request)?, decision, stamp)
        }
        AccessChange::Release {
            request,
            mut release,
            ..
        } => {
            release.session = stamp.session;
            self::release(request_mut(register, &request)?, release)
        }
        AccessChange::Secret(secret) => declare_secret(ws, register, secret),
        AccessChange::Put(whole) => {
            *register = *whole;
            Ok(messages::ACCESS_REGISTER.into())
        }
    }
}

fn application_exists(ws: &Workspace, p: &crate::domain::Protocol) -> Result<(), EditError> {
    match ws.application(p) {
        Some(_) => Ok(()),
        None => Err(EditError::NotFound(messages::no_application(p))),
    }
}

/// A request received, or corrected: what followed it stays.
fn receive(
    ws: &Workspace,
    register: &mut AccessRegister,
    mut request: AccessRequest,
    stamp: Recorded,
) -> Result<String, EditError> {
    request.requester = request.requester.trim().to_string();
    request.object = request.object.trim().to_string();
    if request.requester.is_empty() {
        return Err(invalid(messages::REQUESTER_MISSING));
    }
    if request.object.is_empty() {
        return Err(invalid(messages::OBJECT_MISSING));
    }
    if let Some(p) = &request.application {
        application_exists(ws, p)?;
    }
    let description = messages::request(
        &request.id,
        &request.requester,
        italian::date(request.received_on),
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

/// A counter-interested party notified, after the request, other than the requester.
fn notify(
    ws: &Workspace,
    r: &mut AccessRequest,
    mut counterpart: Counterpart,
    stamp: Recorded,
) -> Result<String, EditError> {
    application_exists(ws, &counterpart.application)?;
    if r.application.as_ref() == Some(&counterpart.application) {
        return Err(invalid(messages::counterpart_is_requester(
            &counterpart.application,
        )));
    }
    if counterpart.notified_on < r.received_on {
        return Err(invalid(messages::notice_before_request(
            italian::date(counterpart.notified_on),
            italian::date(r.received_on),
        )));
    }
    counterpart.opposition = counterpart.opposition.trim().to_string();
    counterpart.recorded = Some(stamp);
    let description = messages::notice(
        &r.id,
        &counterpart.application,
        italian::date(counterpart.notified_on),
        &counterpart.opposition,
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

/// The decision: reasoned unless granted, after the request and after the counter-interested
/// parties' time to oppose.
fn decide(
    r: &mut AccessRequest,
    mut decision: AccessDecision,
    stamp: Recorded,
) -> Result<String, EditError> {
    decision.reason = decision.reason.trim().to_string();
    if decision.outcome != AccessOutcome::Granted && decision.reason.is_empty() {
        return Err(invalid(messages::decision_needs_reason(
            italian::access_outcome(decision.outcome),
        )));
    }
    if decision.on < r.received_on {
        return Err(invalid(messages::decision_before_request(
            italian::date(decision.on),
            italian::date(r.received_on),
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
        return Err(invalid(messages::counterpart_may_oppose(
            &c.application,
            italian::date(c.notified_on),
            italian::date(c.deadline()),
        )));
    }
    let description = messages::decision_on_request(
        &r.id,
        italian::access_outcome(decision.outcome),
        italian::date(decision.on),
        &decision.reason,
    );
    decision.recorded = Some(stamp);
    r.decision = Some(decision);
    Ok(description)
}

/// The bundle released, for a request granted.
fn release(r: &mut AccessRequest, release: Release) -> Result<String, EditError> {
    if !r.decision.as_ref().is_some_and(|d| d.outcome.grants()) {
        return Err(invalid(messages::nothing_to_release(&r.id)));
    }
    let files: Vec<String> = release
        .files
        .iter()
        .map(|f| messages::released_file_hash(&f.name, &f.sha256))
        .collect();
    let description = messages::release(&r.id, &release.folder, &files.join(", "));
    r.releases.push(release);
    Ok(description)
}

/// A part an applicant declared secret, and the criteria whose reasons would reveal it.
fn declare_secret(
    ws: &Workspace,
    register: &mut AccessRegister,
    mut secret: Secret,
) -> Result<String, EditError> {
    secret.part = secret.part.trim().to_string();
    secret.reason = secret.reason.trim().to_string();
    application_exists(ws, &secret.application)?;
    if secret.part.is_empty() {
        return Err(invalid(messages::SECRET_PART_MISSING));
    }
    if secret.criteria.is_empty() {
        return Err(invalid(messages::SECRET_CRITERIA_MISSING));
    }
    if let Some(c) = secret
        .criteria
        .iter()
        .find(|c| ws.call().criterion(c).is_none())
    {
        return Err(EditError::NotFound(messages::no_criterion(c)));
    }
    let description = messages::secret(&secret.application, &secret.part);
    register
        .secrets
        .retain(|s| !(s.application == secret.application && s.part == secret.part));
    register.secrets.push(secret);
    Ok(description)
}
