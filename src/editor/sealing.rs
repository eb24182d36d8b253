//! Closed sessions: closing one seals its record and fixes what it covers; a change to what it
//! fixed is refused unless made as an amendment in an open session, which records it.

use super::change::{Sealed, invalid};
use super::{Change, Command, EditError, Editor, Target, compact, messages, path_text};
use crate::coverage;
use crate::domain::{JournalHead, Seal, SessionId};
use crate::workspace::tx::{TxError, Writing};

impl Editor {
    /// Refuses a change to a closed session, or to what a closed session fixed, unless it is
    /// made as an amendment.
    pub(super) fn guard(&self, change: &Change) -> Result<(), EditError> {
        if let Target::Session(id) | Target::RemovedSession(id) = &change.target
            && change.sealed_record.is_none()
            && let Some(session) = self.workspace.session(id).filter(|s| s.is_closed())
        {
            return Err(EditError::Sealed(messages::session_closed(
                id,
                session.number,
            )));
        }
        if change.amended_session.is_some() {
            return Ok(());
        }
        let Some(scope) = change.target.scope() else {
            return Ok(());
        };
        match coverage::altered(&self.workspace, &change.workspace, &scope).first() {
            None => Ok(()),
            Some((session, item)) => Err(EditError::Sealed(messages::fixed_by_minutes(
                session.number,
                crate::italian::date(session.date),
                coverage::describe(item),
            ))),
        }
    }

    pub(super) fn close(&mut self, id: SessionId) -> Result<Change, EditError> {
        let old = self
            .workspace
            .session(&id)
            .cloned()
            .ok_or_else(|| EditError::NotFound(messages::no_session(&id)))?;
        if old.is_closed() {
            return Err(EditError::Sealed(messages::already_closed(&id)));
        }
        if old.end.is_none() {
            return Err(EditError::Invalid(vec![messages::end_missing(&id)]));
        }
        let record = crate::record::session_record(&self.workspace, &self.evaluation, &id)
            .ok_or_else(|| EditError::NotFound(messages::no_session(&id)))?;
        // The bytes hashed are the bytes kept: the closed verbale is drawn from them forever.
        // They go to their file as they are made (220 MB at 10,000 applications).
        let record_file = self.store.sealed_record_file(&id)?;
        let mut kept = Writing::new(&self.dir, &record_file)?;
        serde_json::to_writer(&mut kept, &record).map_err(|e| match e.io_error_kind() {
            Some(_) => EditError::Storage(TxError::Io {
                file: path_text(&record_file),
                source: e.into(),
            }),
            None => EditError::Invalid(vec![e.to_string()]),
        })?;
        let kept = kept.finish()?;
        let record_sha256 = kept.sha256.clone();
        // The seal covers the record, what the session fixes and the journal as it stands
        // before the closing entry, which will carry the seal.
        let (seq, hash) = self.journal.head()?;
        let journal = JournalHead { seq, hash };
        let closed_at = (self.clock)();
        let covers = coverage::covers(&self.workspace, &old);
        let sha256 = crate::seal::session_seal(&record_sha256, closed_at, &journal, &covers);
        let mut seal = Seal {
            sha256: sha256.clone(),
            closed_at,
            record: Some(record_sha256),
            journal: Some(journal),
            pdf: None,
            covers,
        };
        // The verbale as sealed is kept: what the members sign, and what `verify` compares a
        // signed copy with, whatever a later version of the program would draw. Written to its
        // file page by page, like the record.
        let pdf_file = crate::workspace::sealed_pdf_path(old.number, &id);
        let pdf = Writing::new(&self.dir, &pdf_file)?;
        let pdf = crate::minutes::write_minutes(
            &record,
            Some(&seal),
            crate::minutes::issue_moment(),
            pdf,
        )
        .map_err(|e| EditError::Invalid(vec![messages::minutes_unwritable(&id, e)]))?
        .finish()?;
        seal.pdf = Some(pdf.sha256.clone());
        let mut closed = old.clone();
        closed.seal = Some(seal);
        let file = self.store.session_file(&id)?;
        let after = compact(&closed.seal);
        let number = closed.number;
        let workspace = self.changed(move |parts| {
            parts.sessions.retain(|s| s.id != closed.id);
            parts.sessions.push(closed);
        })?;
        Ok(Change {
            workspace,
            target: Target::Session(id.clone()),
            file: path_text(&file),
            description: crate::anchor::closing_description(&id, &sha256),
            before: String::new(),
            after,
            // Closing is final: this "undo" is refused like any change to a closed session.
            inverse: Command::PutSession(Box::new(old)),
            sealed_record: Some(Sealed {
                record: kept,
                pdf,
                number,
            }),
            amended_session: None,
            also: Vec::new(),
        })
    }

    pub(super) fn amend(
        &mut self,
        session: SessionId,
        reason: String,
        inner: Command,
    ) -> Result<Change, EditError> {
        let holder = self
            .workspace
            .session(&session)
            .ok_or_else(|| EditError::NotFound(messages::no_session(&session)))?;
        if holder.is_closed() {
            return Err(EditError::Sealed(messages::amendment_in_closed(&session)));
        }
        if reason.trim().is_empty() {
            return Err(EditError::Invalid(vec![
                messages::AMENDMENT_NEEDS_REASON.into(),
            ]));
        }
        if matches!(inner, Command::Amend { .. } | Command::CloseSession(_)) {
            return Err(EditError::Invalid(vec![messages::NOT_AN_AMENDMENT.into()]));
        }
        let mut change = self.prepare(inner)?;
        let Some(scope) = change.target.scope() else {
            return Ok(change);
        };
        let amendments: Vec<crate::domain::Amendment> =
            coverage::altered(&self.workspace, &change.workspace, &scope)
                .into_iter()
                .map(|(closed, item)| crate::domain::Amendment {
                    closed: closed.id.clone(),
                    change: coverage::describe(&item),
                    item,
                    reason: reason.clone(),
                })
                .collect();
        if amendments.is_empty() {
            // Nothing a closed session fixed: an ordinary change.
            return Ok(change);
        }
        let id = session.clone();
        change
            .workspace
            .change(move |parts| {
                if let Some(s) = parts.sessions.iter_mut().find(|s| s.id == id) {
                    s.amendments.extend(amendments);
                }
            })
            .map_err(invalid)?;
        change.description = messages::amendment(&session, &change.description, &reason);
        change.amended_session = Some(session.clone());
        change.inverse = Command::Amend {
            session,
            reason: messages::amendment_undone(&reason),
            change: Box::new(change.inverse),
        };
        Ok(change)
    }
}
